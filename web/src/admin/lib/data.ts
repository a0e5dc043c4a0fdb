import { type Accessor, createEffect, createSignal, on } from "solid-js";
import type { Page } from "./types.ts";

/**
 * One value loaded from the API, reloaded whenever `deps` changes. Unlike a resource it never
 * suspends: a page keeps showing its last value (and its shell) while a reload runs, and a failure
 * is kept as state for the page to show, with a retry.
 */
export function createLoader<T>(fetcher: () => Promise<T>, deps: Accessor<unknown> = () => true) {
  const [value, setValue] = createSignal<T>();
  const [error, setError] = createSignal<unknown>();
  const [loading, setLoading] = createSignal(true);
  let generation = 0;
  const load = async () => {
    const mine = ++generation;
    setLoading(true);
    setError(undefined);
    try {
      const result = await fetcher();
      if (mine === generation) setValue(() => result);
    } catch (failure) {
      if (mine === generation) setError(failure);
    } finally {
      if (mine === generation) setLoading(false);
    }
  };
  createEffect(on(deps, () => void load()));
  return { value, error, loading, reload: load, set: (next: T) => setValue(() => next) };
}

export type Loader<T> = ReturnType<typeof createLoader<T>>;

/**
 * A keyset-paged list: the first page loads whenever `deps` changes (the list empties first),
 * "Load more" appends the next page by its cursor, `reload` refreshes it in place. Answers that
 * arrive after the filters changed are dropped.
 */
export function createPaged<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  deps: Accessor<unknown> = () => true,
) {
  const [items, setItems] = createSignal<T[]>([]);
  const [nextCursor, setNextCursor] = createSignal<string | null>(null);
  const [loading, setLoading] = createSignal(true);
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [loaded, setLoaded] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  const [moreError, setMoreError] = createSignal<unknown>();
  let generation = 0;

  const reload = async () => {
    const mine = ++generation;
    setLoading(true);
    setError(undefined);
    setMoreError(undefined);
    try {
      const page = await fetchPage(undefined);
      if (mine !== generation) return;
      setItems(page.items);
      setNextCursor(page.nextCursor);
      setLoaded(true);
    } catch (failure) {
      if (mine === generation) setError(failure);
    } finally {
      if (mine === generation) setLoading(false);
    }
  };

  const loadMore = async () => {
    const cursor = nextCursor();
    if (!cursor || loadingMore()) return;
    const mine = generation;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await fetchPage(cursor);
      if (mine !== generation) return;
      setItems((list) => [...list, ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (failure) {
      if (mine === generation) setMoreError(failure);
    } finally {
      setLoadingMore(false);
    }
  };

  // New filters start from nothing: results of the old ones never pass for results of the new.
  createEffect(
    on(deps, () => {
      generation++;
      setItems([]);
      setNextCursor(null);
      setLoaded(false);
      void reload();
    }),
  );

  return {
    items,
    nextCursor,
    loading,
    loadingMore,
    loaded,
    error,
    moreError,
    reload,
    loadMore,
    /** Changes the loaded items in place (after a save, or a live update). */
    update: (change: (list: T[]) => T[]) => setItems(change),
  };
}

export type Paged<T> = ReturnType<typeof createPaged<T>>;

/** Every page of a list, for downloads: follows `nextCursor` to the end. */
export async function fetchAll<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1_000; pages++) {
    const page = await fetchPage(cursor);
    all.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return all;
}
