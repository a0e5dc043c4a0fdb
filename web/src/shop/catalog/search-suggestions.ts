import { createAsync, query } from "@solidjs/router";
import { createSignal, onCleanup } from "solid-js";
import { type Suggestion, suggestProducts } from "./catalog.ts";

/** How long typing has to pause before suggestions are asked for. */
const debounceMs = 200;
export const minSearchLength = 2;

type Found = { q: string; items: Suggestion[] } | { q: string; failed: true };

/** Product names that start like `q`; a failure is an answer too (the box says to press Enter). */
const getSuggestions = query(async (q: string): Promise<Found> => {
  try {
    return { q, items: (await suggestProducts(q)).items };
  } catch {
    return { q, failed: true };
  }
}, "product-suggestions");

/**
 * The search box's suggestions, without markup: asked for once typing pauses (from two characters),
 * for the text typed then; an answer for older text is never shown for newer.
 */
export function createSuggestions() {
  const [asked, setAsked] = createSignal("");
  const [open, setOpen] = createSignal(false);
  const found = createAsync(async () => (asked() ? getSuggestions(asked()) : undefined), {
    initialValue: undefined,
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));

  const state = (): "idle" | "loading" | "failed" | "ready" => {
    const q = asked();
    const answer = found.latest;
    if (!q) return "idle";
    if (!answer || answer.q !== q) return "loading";
    return "failed" in answer ? "failed" : "ready";
  };
  const items = (): Suggestion[] => {
    const answer = found.latest;
    return state() === "ready" && answer && "items" in answer ? answer.items : [];
  };

  return {
    state,
    items,
    /** Whether the list shows: opened, and something asked for. */
    shown: () => open() && state() !== "idle",
    open: () => setOpen(true),
    close: () => setOpen(false),
    /** Asks for suggestions for `text` once typing pauses; too short a text closes the list. */
    ask: (text: string) => {
      clearTimeout(timer);
      const q = text.trim();
      if (q.length < minSearchLength) {
        setAsked("");
        setOpen(false);
        return;
      }
      timer = setTimeout(() => {
        setAsked(q);
        setOpen(true);
      }, debounceMs);
    },
  };
}

export type Suggestions = ReturnType<typeof createSuggestions>;
