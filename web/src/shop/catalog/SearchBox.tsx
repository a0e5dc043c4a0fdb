import { useNavigate } from "@solidjs/router";
import { createEffect, createSignal, createUniqueId, For, on, onCleanup, Show } from "solid-js";
import { type Suggestion, suggestProducts } from "./catalog.ts";

/** How long typing has to pause before suggestions are asked for. */
const debounceMs = 200;
export const minSearchLength = 2;

type Suggestions =
  | { state: "idle" }
  | { state: "loading" }
  | { state: "failed" }
  | { state: "ready"; items: Suggestion[] };

/**
 * The catalog's search box: a combobox whose list suggests products as one types (from two
 * characters, after a pause). Arrow keys move through the suggestions, Enter opens the one marked
 * (or searches for the text), Escape closes the list.
 */
export function SearchBox(props: { value: string; onSearch: (q: string) => void }) {
  const navigate = useNavigate();
  const id = createUniqueId();
  const listId = `${id}-list`;
  const [text, setText] = createSignal(props.value);
  const [open, setOpen] = createSignal(false);
  const [active, setActive] = createSignal(-1);
  const [suggestions, setSuggestions] = createSignal<Suggestions>({ state: "idle" });
  const [hint, setHint] = createSignal("");
  createEffect(
    on(
      () => props.value,
      (value) => setText(value),
      { defer: true },
    ),
  );

  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  onCleanup(() => clearTimeout(timer));
  const ask = (q: string) => {
    clearTimeout(timer);
    const mine = ++asked;
    if (q.trim().length < minSearchLength) {
      setSuggestions({ state: "idle" });
      setOpen(false);
      return;
    }
    timer = setTimeout(async () => {
      setSuggestions({ state: "loading" });
      setOpen(true);
      try {
        const { items } = await suggestProducts(q.trim());
        if (mine === asked) setSuggestions({ state: "ready", items });
      } catch {
        if (mine === asked) setSuggestions({ state: "failed" });
      }
    }, debounceMs);
  };

  const items = () => {
    const current = suggestions();
    return current.state === "ready" ? current.items : [];
  };
  const shown = () => open() && suggestions().state !== "idle";
  const optionId = (index: number) => `${id}-option-${index}`;
  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const choose = (item: Suggestion) => {
    close();
    navigate(`/products/${item.slug}`);
  };
  const search = () => {
    const q = text().trim();
    if (q.length > 0 && q.length < minSearchLength) {
      setHint(`Type at least ${minSearchLength} characters to search.`);
      return;
    }
    setHint("");
    close();
    props.onSearch(q);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const count = items().length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!shown()) {
        if (suggestions().state === "ready") setOpen(true);
        else ask(text());
        return;
      }
      if (count === 0) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((index) => (index < 0 && step < 0 ? count - 1 : (index + step + count) % count));
    } else if (event.key === "Enter") {
      event.preventDefault();
      const item = items()[active()];
      if (shown() && item) choose(item);
      else search();
    } else if (event.key === "Escape") {
      if (shown()) {
        event.preventDefault();
        close();
      }
    } else if (event.key === "Home" || event.key === "End") {
      if (shown() && active() >= 0) setActive(-1);
    }
  };

  return (
    <div class="search">
      <input
        type="search"
        name="q"
        placeholder="Search products"
        aria-label="Search products"
        autocomplete="off"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown() && items().length > 0}
        aria-controls={listId}
        aria-activedescendant={shown() && active() >= 0 ? optionId(active()) : undefined}
        aria-describedby={hint() ? `${id}-hint` : undefined}
        value={text()}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setActive(-1);
          setHint("");
          ask(e.currentTarget.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={close}
      />
      <Show when={hint()}>
        <small id={`${id}-hint`} class="form-error">
          {hint()}
        </small>
      </Show>
      <div class="suggestions" hidden={!shown()}>
        <div id={listId} role="listbox" aria-label="Suggestions" hidden={items().length === 0}>
          <For each={items()}>
            {(item, index) => (
              <div
                id={optionId(index())}
                role="option"
                tabIndex={-1}
                aria-selected={active() === index()}
                classList={{ active: active() === index() }}
                // Chosen on mousedown, before the input's blur closes the list.
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(item);
                }}
                onMouseMove={() => setActive(index())}
              >
                {item.name}
              </div>
            )}
          </For>
        </div>
        <Show when={suggestions().state !== "ready" || items().length === 0}>
          <p class="muted suggestions-state">
            {suggestions().state === "loading"
              ? "Looking…"
              : suggestions().state === "failed"
                ? "Suggestions are unavailable right now: press Enter to search."
                : "No product names match: press Enter to search the descriptions too."}
          </p>
        </Show>
      </div>
      <span class="visually-hidden" role="status">
        {shown() && suggestions().state === "ready"
          ? `${items().length} ${items().length === 1 ? "suggestion" : "suggestions"}`
          : ""}
      </span>
    </div>
  );
}
