import { onMount } from "solid-js";

/**
 * Brings `element()` into view once it is on the page when the address names it (`/cart#checkout`,
 * from a toast's "Check out"): the router only scrolls to what exists as it navigates, and a
 * form that waits for its data comes later.
 */
export function revealWhenAddressed(element: () => HTMLElement | undefined) {
  onMount(() => {
    const shown = element();
    if (shown?.id && location.hash === `#${shown.id}`) shown.scrollIntoView({ block: "start" });
  });
}
