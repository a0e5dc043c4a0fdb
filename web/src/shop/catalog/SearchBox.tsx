import { useNavigate } from "@solidjs/router";
import { createSignal, createUniqueId, Show } from "solid-js";
import type { Suggestion } from "./catalog.ts";
import { SuggestionList } from "./SuggestionList.tsx";
import { createSuggestions, minSearchLength } from "./search-suggestions.ts";

/**
 * The catalog's search box: a combobox whose list suggests products as one types (from two
 * characters, after a pause). Arrow keys move through the suggestions, Enter opens the one marked
 * (or searches for the text), Escape closes the list.
 */
export function SearchBox(props: { value: string; onSearch: (q: string) => void }) {
  const navigate = useNavigate();
  const id = createUniqueId();
  const listId = `${id}-list`;
  const [active, setActive] = createSignal(-1);
  const [hint, setHint] = createSignal("");
  // What is typed, until the address says something else (a cleared filter, going back).
  const [draft, setDraft] = createSignal<{ over: string; text: string }>();
  const text = () => {
    const typed = draft();
    return typed && typed.over === props.value ? typed.text : props.value;
  };
  const suggestions = createSuggestions();
  const items = suggestions.items;
  const shown = suggestions.shown;
  const optionId = (index: number) => `${id}-option-${index}`;
  const close = () => {
    suggestions.close();
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
        if (suggestions.state() === "ready") suggestions.open();
        else suggestions.ask(text());
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
          setDraft({ over: props.value, text: e.currentTarget.value });
          setActive(-1);
          setHint("");
          suggestions.ask(e.currentTarget.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={close}
      />
      <Show when={hint()}>
        <small id={`${id}-hint`} class="form-error">
          {hint()}
        </small>
      </Show>
      <SuggestionList
        suggestions={suggestions}
        listId={listId}
        optionId={optionId}
        active={active()}
        onActive={setActive}
        onChoose={choose}
      />
    </div>
  );
}
