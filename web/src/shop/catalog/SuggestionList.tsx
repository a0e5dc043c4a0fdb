import { For, Show } from "solid-js";
import { Thumbnail } from "../../components/Thumbnail.tsx";
import type { Suggestion } from "./catalog.ts";
import type { Suggestions } from "./search-suggestions.ts";

/** The search box's list of suggestions, its state in words, and how many there are for screen readers. */
export function SuggestionList(props: {
  suggestions: Suggestions;
  listId: string;
  optionId: (index: number) => string;
  active: number;
  onActive: (index: number) => void;
  onChoose: (item: Suggestion) => void;
}) {
  const s = props.suggestions;
  return (
    <>
      <div class="suggestions" hidden={!s.shown()}>
        <div id={props.listId} role="listbox" aria-label="Suggestions" hidden={s.items().length === 0}>
          <For each={s.items()}>
            {(item, index) => (
              <div
                id={props.optionId(index())}
                role="option"
                tabIndex={-1}
                aria-selected={props.active === index()}
                classList={{ active: props.active === index() }}
                // Chosen on mousedown, before the input's blur closes the list.
                onMouseDown={(e) => {
                  e.preventDefault();
                  props.onChoose(item);
                }}
                onMouseMove={() => props.onActive(index())}
              >
                <Thumbnail url={item.imageUrl} name={item.name} size={36} />
                <span>{item.name}</span>
              </div>
            )}
          </For>
        </div>
        <Show when={s.state() !== "ready" || s.items().length === 0}>
          <p class="muted suggestions-state">
            {s.state() === "loading"
              ? "Looking…"
              : s.state() === "failed"
                ? "Suggestions are unavailable right now: press Enter to search."
                : "No product names match: press Enter to search the descriptions too."}
          </p>
        </Show>
      </div>
      <span class="visually-hidden" role="status">
        {s.shown() && s.state() === "ready"
          ? `${s.items().length} ${s.items().length === 1 ? "suggestion" : "suggestions"}`
          : ""}
      </span>
    </>
  );
}
