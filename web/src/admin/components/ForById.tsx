import { createMemo, For, type JSX } from "solid-js";

/**
 * A list keyed by id rather than by object: an entry replaced by a fresher copy (after a save or a
 * live update) keeps its component, and with it its open editor, focus and messages.
 */
export function ForById<T extends { id: string }>(props: {
  each: T[];
  children: (item: () => T, index: () => number) => JSX.Element;
}) {
  const byId = createMemo(() => new Map(props.each.map((item) => [item.id, item])));
  const ids = createMemo(() => props.each.map((item) => item.id));
  return <For each={ids()}>{(id, index) => props.children(() => byId().get(id) as T, index)}</For>;
}
