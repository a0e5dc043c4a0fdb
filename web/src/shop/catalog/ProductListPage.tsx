import { createAsync, useLocation, useSearchParams } from "@solidjs/router";
import { createEffect, createMemo, createSignal, createUniqueId, For, on, Show } from "solid-js";
import { describeError } from "../../components/FormError.tsx";
import { fromAmount, toAmount } from "../../lib/money.ts";
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
import { ProductCard } from "./ProductCard.tsx";
import { minSearchLength, SearchBox } from "./SearchBox.tsx";

const sorts: { value: ProductSort; label: string; needsSearch?: boolean }[] = [
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

/** A price bound typed in the currency's units; the address keeps it in minor units, as the API takes it. */
function PriceBound(props: {
  label: string;
  cents: string | undefined;
  currency: string;
  error?: string;
  onApply: (cents: string | undefined) => void;
  onInvalid: (message: string | undefined) => void;
}) {
  const id = createUniqueId();
  return (
    <label class="filter-field" for={id}>
      <span>{props.label}</span>
      <input
        id={id}
        inputmode="decimal"
        autocomplete="off"
        size="8"
        placeholder="any"
        value={props.cents ? toAmount(Number(props.cents), props.currency) : ""}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(e) => {
          const text = e.currentTarget.value.trim();
          if (text === "") {
            props.onInvalid(undefined);
            return props.onApply(undefined);
          }
          const minor = fromAmount(text, props.currency);
          if (minor === null) return props.onInvalid(`Enter an amount such as ${toAmount(2500, props.currency)}.`);
          props.onInvalid(undefined);
          props.onApply(String(minor));
        }}
      />
      <Show when={props.error}>
        <small id={`${id}-error`} class="form-error">
          {props.error}
        </small>
      </Show>
    </label>
  );
}

export function ProductListPage() {
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

  return (
    <section>
      <h1 class="visually-hidden">Royal Shop catalog</h1>
      <form class="filters" aria-label="Filter products" onSubmit={(e) => e.preventDefault()}>
        <SearchBox value={params.q ?? ""} onSearch={(q) => setParams({ q: q || undefined })} />
        <select
          aria-label="Category"
          value={params.category ?? ""}
          onChange={(e) => setParams({ category: e.currentTarget.value || undefined })}
        >
          <option value="">All categories</option>
          <For each={categories()?.items}>{(category) => <option value={category.slug}>{category.name}</option>}</For>
        </select>
        <select
          aria-label="Brand"
          value={params.brand ?? ""}
          onChange={(e) => setParams({ brand: e.currentTarget.value || undefined })}
        >
          <option value="">All brands</option>
          <For each={brands()?.items}>
            {(brand) => (
              <option value={brand.slug} selected={brand.slug === params.brand}>
                {brand.name}
              </option>
            )}
          </For>
        </select>
        <select
          aria-label="Sort"
          value={search().sort ?? (search().q ? "relevance" : "newest")}
          onChange={(e) => setParams({ sort: e.currentTarget.value })}
        >
          <For each={sorts.filter((s) => !s.needsSearch || search().q)}>
            {(sort) => <option value={sort.value}>{sort.label}</option>}
          </For>
        </select>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={params.inStock === "true"}
            onChange={(e) => setParams({ inStock: e.currentTarget.checked ? "true" : undefined })}
          />
          In stock only
        </label>
        <fieldset class="filter-group">
          <legend class="visually-hidden">Price with shipping</legend>
          <PriceBound label="Price from" {...bound("minPrice")} />
          <PriceBound label="Price to" {...bound("maxPrice")} />
        </fieldset>
        <For each={facets()}>
          {(facet) => (
            <label class="filter-field">
              <span>{facet.name}</span>
              <select
                value={optionFilters()[facet.name] ?? ""}
                aria-invalid={errors()[optionPrefix + facet.name] ? "true" : undefined}
                onChange={(e) => setOption(facet.name, e.currentTarget.value)}
              >
                <option value="">Any</option>
                <For each={facet.values}>
                  {(value) => (
                    <option value={value} selected={optionFilters()[facet.name] === value}>
                      {value}
                    </option>
                  )}
                </For>
              </select>
            </label>
          )}
        </For>
        <Show when={filtered()}>
          <button type="button" class="button secondary" onClick={clear}>
            Clear filters
          </button>
        </Show>
      </form>

      <Show when={refused()}>
        {(error) => (
          <p class="form-error" role="alert">
            These filters cannot be used: {describeError(error())}
          </p>
        )}
      </Show>
      <Show when={outcome()} fallback={<p class="muted">Loading products…</p>}>
        <Show when={firstPage()}>
          {(page) => (
            <>
              <Show
                when={page().items.length > 0}
                fallback={
                  <p class="muted" data-testid="no-products">
                    No products match.
                  </p>
                }
              >
                <div class="grid" data-testid="product-grid">
                  <For each={shownItems()}>{(product) => <ProductCard product={product} />}</For>
                </div>
              </Show>
              <Show when={moreError()}>
                <p class="form-error" role="alert">
                  Could not load more: {describeError(moreError())}
                </p>
              </Show>
              <Show when={cursor()}>
                <button type="button" class="button secondary load-more" onClick={loadMore}>
                  Load more
                </button>
              </Show>
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}
