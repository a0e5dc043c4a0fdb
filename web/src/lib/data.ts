import { createAsync, query, revalidate } from "@solidjs/router";
import { createSignal } from "solid-js";

/** One page of a keyset-paged list, as every list operation of the API answers. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A router query that reads one page of a list: its arguments (the filters), then the cursor. */
export type PagedQuery<Args, T> = ((args: Args, cursor?: string) => Promise<Page<T>>) & {
  key: string;
  keyFor: (args: Args) => string;
};

/** What a list holds beyond its first page: the pages "Load more" added and the changes made in place. */
interface Beyond<T> {
  first: Page<T>;
  pages: Page<T>[];
  changes: ((items: T[]) => T[])[];
  moreError?: unknown;
}

/**
 * The one paged-list helper: a keyset list read through a router query. The first page is read
 * with `createAsync` (so it suspends, is preloaded by its route and is read again when the query
 * is revalidated, or when `args` change); "Load more" appends the next pages by their cursor;
 * `update` changes the loaded items in place (after a save, or a live event). Pages and changes
 * belong to the first page they were added to: a new first page (new filters, a refresh) starts
 * the list afresh, so results of old filters never pass for results of new ones.
 */
export function createPagedList<Args, T>(list: PagedQuery<Args, T>, args: () => Args) {
  // Each first page with the arguments it was read for: a page of other filters is never shown as theirs.
  const read = createAsync(async () => {
    const asked = args();
    return { key: list.keyFor(asked), page: await list(asked) };
  });
  const first = () => read()?.page;
  /**
   * Whether the page on screen was read for other arguments than the current ones, whose page is on
   * its way: the router keeps the old one during the navigation, the list shows it is loading.
   */
  const stale = () => {
    const shown = read.latest;
    return !!shown && shown.key !== list.keyFor(args());
  };
  const [beyond, setBeyond] = createSignal<Beyond<T>>();
  const [loadingMore, setLoadingMore] = createSignal(false);
  /** What belongs to the first page shown now (nothing, once a new first page came). */
  const current = (page: Page<T>): Beyond<T> => {
    const held = beyond();
    return held?.first === page ? held : { first: page, pages: [], changes: [] };
  };
  // Plain functions, not memos: the first page is read where the list is shown, so its loading
  // suspends the list's own boundary and never the page around it.
  const state = () => {
    const page = first();
    return page ? current(page) : undefined;
  };
  const items = () => {
    const held = state();
    if (!held) return [];
    const loaded = [held.first, ...held.pages].flatMap((page) => page.items);
    return held.changes.reduce((list, change) => change(list), loaded);
  };
  const nextCursor = () => {
    const held = state();
    return held ? ([held.first, ...held.pages].at(-1)?.nextCursor ?? null) : null;
  };

  const loadMore = async () => {
    const held = state();
    const cursor = nextCursor();
    if (!held || !cursor || loadingMore()) return;
    setLoadingMore(true);
    try {
      const page = await list(args(), cursor);
      if (state()?.first === held.first)
        setBeyond({ ...current(held.first), pages: [...current(held.first).pages, page] });
    } catch (failure) {
      if (state()?.first === held.first) setBeyond({ ...current(held.first), moreError: failure });
    } finally {
      setLoadingMore(false);
    }
  };

  /** What the list holds now, for handlers: nothing while the first page is on its way or failed. */
  const loaded = (): T[] => {
    try {
      return items();
    } catch {
      return [];
    }
  };

  return {
    items,
    stale,
    loaded,
    nextCursor,
    loadingMore,
    moreError: () => state()?.moreError,
    loadMore,
    /** The query's key: revalidating it reads the list again from its first page. */
    key: list.key,
    refresh: () => revalidate(list.key),
    /** Changes the loaded items in place (after a save, or a live event). */
    update: (change: (items: T[]) => T[]) => {
      let page: Page<T> | undefined;
      try {
        page = read.latest?.page;
      } catch {
        return; // The first page failed: there is nothing to change, and its retry reads it afresh.
      }
      if (page) setBeyond({ ...current(page), changes: [...current(page).changes, change] });
    },
  };
}

export type PagedList<T> = ReturnType<typeof createPagedList<unknown, T>>;

/**
 * Shows a value the page already holds (a write's answer, a live event) wherever the query
 * `read` with `args` is read, without a request: it replaces the query's cached answer.
 */
export function setQuery<Args extends unknown[], T>(
  read: ((...args: Args) => Promise<T>) & { keyFor: (...args: Args) => string },
  args: Args,
  value: T,
) {
  const key = read.keyFor(...args);
  // The router types the value against promises; an answer here is always a plain value.
  (query.set as (key: string, value: T) => void)(key, value);
  return revalidate(key, false);
}

/**
 * Changes a query's value in place once its answer is there: a live event that comes while the read
 * is on its way waits for it, and changes the newest value. Nothing when the read failed: its retry
 * reads it afresh.
 */
export async function changeQuery<Args extends unknown[], T>(
  read: ((...args: Args) => Promise<T>) & { keyFor: (...args: Args) => string },
  args: Args,
  change: (value: T) => T,
) {
  try {
    await read(...args);
  } catch {
    return;
  }
  const value = query.get(read.keyFor(...args)) as T | undefined;
  if (value !== undefined) await setQuery(read, args, change(value));
}

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
