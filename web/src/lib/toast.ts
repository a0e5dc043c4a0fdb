import { createSignal } from "solid-js";

/** A short message about something that just happened, with the next steps it offers. */
export type Toast = { id: number; message: string; links?: { label: string; href: string }[] };

const [toasts, setToasts] = createSignal<Toast[]>([]);
let next = 0;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

/**
 * How long a toast stays once nobody is on it: long enough to read it, longer when it offers links
 * to reach (by keyboard too); while the pointer or the focus is on it, it stays.
 */
const shownMs = (toast: Toast) => (toast.links?.length ? 15_000 : 6_000);

export { toasts };

/** Shows `message` where the eye is (the bottom of the screen), whatever has scrolled away. */
export function showToast(message: string, links?: Toast["links"]) {
  for (const id of timers.keys()) dismissToast(id);
  const toast = { id: ++next, message, links };
  // One at a time: a second Add to cart replaces the first's toast rather than stacking them.
  setToasts([toast]);
  releaseToast(toast.id);
}

export function dismissToast(id: number) {
  clearTimeout(timers.get(id));
  timers.delete(id);
  setToasts((shown) => shown.filter((toast) => toast.id !== id));
}

/** Keeps a toast while the pointer or the focus is on it. */
export function holdToast(id: number) {
  clearTimeout(timers.get(id));
}

/** Starts (again) a toast's time once nobody is on it. */
export function releaseToast(id: number) {
  const toast = toasts().find((shown) => shown.id === id);
  if (!toast) return;
  clearTimeout(timers.get(id));
  timers.set(
    id,
    setTimeout(() => dismissToast(id), shownMs(toast)),
  );
}
