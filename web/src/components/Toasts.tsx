import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { dismissToast, holdToast, releaseToast, toasts } from "../lib/toast.ts";

/** The toasts of the whole app, announced to screen readers as they come. */
export function Toasts() {
  const hold = (on: boolean) => {
    for (const toast of toasts()) (on ? holdToast : releaseToast)(toast.id);
  };
  return (
    <div
      class="toasts"
      role="status"
      aria-live="polite"
      // While the pointer or the focus is on a toast, it stays.
      onMouseEnter={() => hold(true)}
      onMouseLeave={() => hold(false)}
      onFocusIn={() => hold(true)}
      onFocusOut={() => hold(false)}
    >
      <For each={toasts()}>
        {(toast) => (
          <div class="toast" data-testid="toast">
            <p>{toast.message}</p>
            <Show when={toast.links?.length}>
              <div class="toast-links">
                <For each={toast.links}>
                  {(link) => (
                    <A href={link.href} class="button" onClick={() => dismissToast(toast.id)}>
                      {link.label}
                    </A>
                  )}
                </For>
              </div>
            </Show>
            <button type="button" class="toast-close" aria-label="Dismiss" onClick={() => dismissToast(toast.id)}>
              ×
            </button>
          </div>
        )}
      </For>
    </div>
  );
}
