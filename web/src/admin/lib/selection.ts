import { createSignal } from "solid-js";

/** The rows staff selected in a list (by id), for a bulk action. */
export function createSelection() {
  const [selected, setSelected] = createSignal(new Set<string>());
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
