import { createSignal } from "solid-js";

/** A short message about something that just happened, with the next steps it offers. */
export type Toast = { id: number; message: string; links?: { label: string; href: string }[] };

const [toasts, setToasts] = createSignal<Toast[]>([]);
let next = 0;

/** How long a toast stays: long enough to read it and reach its links, not so long it hides the page. */
const shownMs = 6000;

export { toasts };

/** Shows `message` where the eye is (the corner of the screen), whatever has scrolled away. */
export function showToast(message: string, links?: Toast["links"]) {
  const id = ++next;
  // One at a time: a second Add to cart replaces the first's toast rather than stacking them.
  setToasts([{ id, message, links }]);
  setTimeout(() => dismissToast(id), shownMs);
}

export function dismissToast(id: number) {
  setToasts((shown) => shown.filter((toast) => toast.id !== id));
}
