/**
 * After a failed save, takes the eye to what failed: the first field marked invalid inside `root`
 * is scrolled to and focused (once the page shows the errors); without one, `alert` is scrolled into
 * view if it is out of sight.
 */
export function focusFirstInvalid(root: Element | null | undefined, alert?: Element | null) {
  requestAnimationFrame(() => {
    const field = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (field) {
      field.scrollIntoView({ block: "center" });
      field.focus({ preventScroll: true });
      return;
    }
    const box = alert?.getBoundingClientRect();
    if (alert && box && (box.top < 0 || box.bottom > innerHeight)) alert.scrollIntoView({ block: "center" });
  });
}
