import { createAsync, type RoutePreloadFuncArgs, useLocation, useSearchParams } from "@solidjs/router";
import { createMemo, createSignal } from "solid-js";
import { createPagedList } from "../../lib/data.ts";
import {
  type ApiError,
  getBrands,
  getCatalogPage,
  getCategories,
  type OptionFilters,
  optionPrefix,
  type ProductSearch,
  type ProductSort,
} from "./catalog.ts";
import { minSearchLength } from "./search-suggestions.ts";

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

/** Field messages by the API's path (`minPrice`, `option.Size`…), from a refused search. */
function fieldErrors(error: ApiError | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!error || !Array.isArray(error.details)) return fields;
  for (const issue of error.details as { path?: unknown; message?: unknown }[]) {
    if (typeof issue?.path === "string" && typeof issue.message === "string") fields[issue.path] ??= issue.message;
  }
  return fields;
}

/** The `option.<Name>` filters of an address's query string. */
export function optionFiltersOf(query: string): OptionFilters {
  const found: OptionFilters = {};
  for (const [key, value] of new URLSearchParams(query)) {
    if (key.startsWith(optionPrefix) && key.length > optionPrefix.length && value)
      found[key.slice(optionPrefix.length)] = value;
  }
  return found;
}

/** The search the address asks for: what the API takes of its parameters (a too-short text is no text). */
export function searchOf(params: Params): ProductSearch {
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
}

/** Starts the catalog's reads with the navigation to it (its route's preload). */
export function preloadCatalog({ location }: RoutePreloadFuncArgs) {
  void getCatalogPage({ search: searchOf(location.query as Params), options: optionFiltersOf(location.search) });
  void getCategories();
  void getBrands();
}

export function createProductSearch() {
  const [params, setParams] = useSearchParams<Params>();
  const location = useLocation();
  /** The `option.<Name>` filters in the address. */
  const optionFilters = createMemo(() => optionFiltersOf(location.search));
  const search = () => searchOf(params);
  const [localErrors, setLocalErrors] = createSignal<Record<string, string | undefined>>({});
  const filters = () => ({ search: search(), options: optionFilters() });
  // Pages fetched with "Load more" extend the first page until the search changes.
  const results = createPagedList(getCatalogPage, filters);
  // The same read as the list's first page (the router makes it once): whether the filters were refused.
  const firstPage = createAsync(() => getCatalogPage(filters()));
  const refused = () => firstPage()?.refused;
  const errors = () => ({ ...fieldErrors(refused()), ...localErrors() });
  const categories = createAsync(() => getCategories());
  const brands = createAsync(() => getBrands());

  const shownItems = () => results.items();
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
  /** How many filters narrow the list (the search words and the sort are not filters). */
  const filterCount = () =>
    Object.values({ ...search(), q: undefined, sort: undefined }).filter((v) => v !== undefined).length +
    Object.keys(optionFilters()).length;
  const filtered = () => search().q !== undefined || filterCount() > 0;
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
    results,
    categories,
    brands,
    shownItems,
    facets,
    setOption,
    filtered,
    filterCount,
    clear,
    bound,
  };
}

export type ProductSearchState = ReturnType<typeof createProductSearch>;
