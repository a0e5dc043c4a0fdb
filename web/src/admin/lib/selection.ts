import { createEffect, createSignal, on } from "solid-js";

/**
 * The rows staff selected in a list (by id), for a bulk action. The list's filters (`filters`) clear
 * it when they change: other filters list other rows, and what was selected is no longer in sight.
 */
export function createSelection(filters?: () => unknown) {
  const [selected, setSelected] = createSignal(new Set<string>());
  if (filters) {
    createEffect(
      on(
        () => JSON.stringify(filters()),
        () => setSelected(new Set<string>()),
        { defer: true },
      ),
    );
  }
  return {
    selected,
    has: (id: string) => selected().has(id),
    size: () => selected().size,
    ids: () => [...selected()],
    /** Selects (`on`) or unselects each of `ids`. */
    select(ids: string[], on: boolean) {
      setSelected((current) => {
        const next = new Set(current);
        for (const id of ids) on ? next.add(id) : next.delete(id);
        return next;
      });
    },
    /** Keeps exactly `ids` selected (none: the selection is cleared). */
    keep: (ids: string[] = []) => setSelected(new Set(ids)),
  };
}

export type Selection = ReturnType<typeof createSelection>;
