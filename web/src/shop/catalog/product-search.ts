import { createAsync, useLocation, useSearchParams } from "@solidjs/router";
import { createEffect, createMemo, createSignal, on } from "solid-js";
import {
  ApiError,
  getBrands,
  getCategories,
  getProducts,
  listProducts,
  type OptionFilters,
  optionPrefix,
  type ProductList,
  type ProductSearch,
  type ProductSort,
  type ProductSummary,
} from "./catalog.ts";
import { minSearchLength } from "./SearchBox.tsx";

/*
 * The catalog's search as the address holds it, without markup: the filters read from and written to
 * the address, the first page of results (or the API's refusal of the filters), "Load more", and the
 * option values the shown products offer to filter by.
 */

export const sorts: { value: ProductSort; label: string; needsSearch?: boolean }[] = [
  { value: "relevance", label: "Best match", needsSearch: true },
  { value: "newest", label: "Newest" },
  { value: "price_asc", label: "Price: low to high" },
  { value: "price_desc", label: "Price: high to low" },
  { value: "rating", label: "Top rated" },
];

type Params = {
  q?: string;
  category?: string;
  brand?: string;
  minPrice?: string;
  maxPrice?: string;
  sort?: string;
  inStock?: string;
};

const cents = (value: string | undefined) => (value && /^\d{1,12}$/.test(value) ? value : undefined);

/** A page of results, or the API's refusal of the filters (shown beside them, not instead of the page). */
type Outcome = { page: ProductList } | { refused: ApiError };

/** Field messages by the API's path (`minPrice`, `option.Size`…), from a refused search. */
function fieldErrors(error: ApiError | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!error || !Array.isArray(error.details)) return fields;
  for (const issue of error.details as { path?: unknown; message?: unknown }[]) {
    if (typeof issue?.path === "string" && typeof issue.message === "string") fields[issue.path] ??= issue.message;
  }
  return fields;
}

export function createProductSearch() {
  const [params, setParams] = useSearchParams<Params>();
  const location = useLocation();
  /** The `option.<Name>` filters in the address. */
  const optionFilters = createMemo<OptionFilters>(() => {
    const found: OptionFilters = {};
    for (const [key, value] of new URLSearchParams(location.search)) {
      if (key.startsWith(optionPrefix) && key.length > optionPrefix.length && value)
        found[key.slice(optionPrefix.length)] = value;
    }
    return found;
  });
  const search = (): ProductSearch => {
    const q = params.q && params.q.trim().length >= minSearchLength ? params.q.trim() : undefined;
    const sort = sorts.find((s) => s.value === params.sort && (q || !s.needsSearch))?.value;
    return {
      q,
      category: params.category || undefined,
      brand: params.brand || undefined,
      minPrice: cents(params.minPrice),
      maxPrice: cents(params.maxPrice),
      sort,
      inStock: params.inStock === "true" ? "true" : undefined,
    };
  };
  const [localErrors, setLocalErrors] = createSignal<Record<string, string | undefined>>({});
  const outcome = createAsync<Outcome>(() =>
    getProducts(search(), optionFilters()).then(
      (page) => ({ page }),
      (error: unknown) => {
        // Filters the API refuses are said beside them; anything else is the page's failure.
        if (error instanceof ApiError && error.status === 400) return { refused: error };
        throw error;
      },
    ),
  );
  const firstPage = () => {
    const current = outcome();
    return current && "page" in current ? current.page : undefined;
  };
  const refused = () => {
    const current = outcome();
    return current && "refused" in current ? current.refused : undefined;
  };
  const errors = () => ({ ...fieldErrors(refused()), ...localErrors() });
  const categories = createAsync(() => getCategories());
  const brands = createAsync(() => getBrands());

  // Pages fetched with "Load more" extend the first page until the search changes.
  const [more, setMore] = createSignal<ProductSummary[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [moreError, setMoreError] = createSignal<unknown>();
  createEffect(
    on(firstPage, (page) => {
      setMore([]);
      setMoreError(undefined);
      setCursor(page?.nextCursor ?? null);
    }),
  );
  const loadMore = async () => {
    const next = cursor();
    if (!next) return;
    setMoreError(undefined);
    try {
      const page = await listProducts({ ...search(), cursor: next }, optionFilters());
      setMore((items) => [...items, ...page.items]);
      setCursor(page.nextCursor);
    } catch (failure) {
      setMoreError(failure);
    }
  };
  const shownItems = () => [...(firstPage()?.items ?? []), ...more()];
  const currency = () => shownItems()[0]?.currency ?? "USD";

  /** The options of the products shown, and any chosen in the address: what can be filtered by. */
  const facets = createMemo(() => {
    const byName = new Map<string, Set<string>>();
    const add = (name: string, value: string) => {
      if (!byName.has(name)) byName.set(name, new Set());
      byName.get(name)?.add(value);
    };
    for (const [name, value] of Object.entries(optionFilters())) add(name, value);
    for (const product of shownItems()) for (const o of product.options) for (const v of o.values) add(o.name, v);
    return [...byName].map(([name, values]) => ({ name, values: [...values] }));
  });
  const setOption = (name: string, value: string) => setParams({ [optionPrefix + name]: value || undefined });
  const filtered = () =>
    Object.values({ ...search(), sort: undefined }).some((v) => v !== undefined) ||
    Object.keys(optionFilters()).length > 0;
  const clear = () => {
    setLocalErrors({});
    setParams({
      q: undefined,
      category: undefined,
      brand: undefined,
      minPrice: undefined,
      maxPrice: undefined,
      inStock: undefined,
      sort: undefined,
      ...Object.fromEntries(Object.keys(optionFilters()).map((name) => [optionPrefix + name, undefined])),
    });
  };
  const bound = (key: "minPrice" | "maxPrice") => ({
    cents: params[key],
    currency: currency(),
    error: errors()[key],
    onApply: (value: string | undefined) => {
      const other = key === "minPrice" ? cents(params.maxPrice) : cents(params.minPrice);
      const [low, high] = key === "minPrice" ? [value, other] : [other, value];
      if (low !== undefined && high !== undefined && Number(low) > Number(high)) {
        setLocalErrors({ ...localErrors(), [key]: "The lowest price cannot be above the highest." });
        return;
      }
      setLocalErrors({ ...localErrors(), minPrice: undefined, maxPrice: undefined });
      setParams({ [key]: value });
    },
    onInvalid: (message: string | undefined) => setLocalErrors({ ...localErrors(), [key]: message }),
  });

  return {
    params,
    /** Sets filters in the address (undefined takes one out). */
    setParams: (next: Record<string, string | undefined>) => setParams(next),
    optionFilters,
    search,
    refused,
    errors,
    firstPage,
    outcome,
    categories,
    brands,
    cursor,
    moreError,
    loadMore,
    shownItems,
    facets,
    setOption,
    filtered,
    clear,
    bound,
  };
}

export type ProductSearchState = ReturnType<typeof createProductSearch>;
