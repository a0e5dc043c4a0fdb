import { useBeforeLeave } from "@solidjs/router";
import { onCleanup } from "solid-js";

/**
 * Asks before leaving a page with unsaved changes (`question` says which), whether staff follow a
 * link in the app or close or reload the tab.
 */
export function warnBeforeLeaving(unsaved: () => boolean, question: () => string) {
  useBeforeLeave((leaving) => {
    if (!unsaved() || leaving.defaultPrevented) return;
    leaving.preventDefault();
    setTimeout(() => {
      if (window.confirm(question())) leaving.retry(true);
    });
  });
  const onUnload = (event: BeforeUnloadEvent) => {
    if (unsaved()) event.preventDefault();
  };
  window.addEventListener("beforeunload", onUnload);
  onCleanup(() => window.removeEventListener("beforeunload", onUnload));
}
