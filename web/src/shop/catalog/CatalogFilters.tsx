import { createSignal, For, Show } from "solid-js";
import { optionPrefix } from "./catalog.ts";
import { PriceBound } from "./PriceBound.tsx";
import { type ProductSearchState, sorts } from "./product-search.ts";
import { SearchBox } from "./SearchBox.tsx";

/** The catalog's filters: search, category, brand, sort, stock, price and the products' options. */
export function CatalogFilters(props: { search: ProductSearchState }) {
  const s = props.search;
  // On a phone the filters would fill the first screen: they wait behind a button there (CSS decides).
  const [open, setOpen] = createSignal(false);
  return (
    <form class="filters" aria-label="Filter products" onSubmit={(e) => e.preventDefault()}>
      <SearchBox value={s.params.q ?? ""} onSearch={(q) => s.setParams({ q: q || undefined })} />
      <button
        type="button"
        class="button secondary filters-toggle"
        aria-expanded={open()}
        aria-controls="filter-panel"
        onClick={() => setOpen(!open())}
      >
        Filters{s.filterCount() > 0 ? ` (${s.filterCount()})` : ""}
      </button>
      <div id="filter-panel" class="filter-panel" classList={{ "filter-panel-open": open() }}>
        <select
          aria-label="Category"
          value={s.params.category ?? ""}
          onChange={(e) => s.setParams({ category: e.currentTarget.value || undefined })}
        >
          <option value="">All categories</option>
          <For each={s.categories()?.items}>{(category) => <option value={category.slug}>{category.name}</option>}</For>
        </select>
        <select
          aria-label="Brand"
          value={s.params.brand ?? ""}
          onChange={(e) => s.setParams({ brand: e.currentTarget.value || undefined })}
        >
          <option value="">All brands</option>
          <For each={s.brands()?.items}>
            {(brand) => (
              <option value={brand.slug} selected={brand.slug === s.params.brand}>
                {brand.name}
              </option>
            )}
          </For>
        </select>
        <select
          aria-label="Sort"
          value={s.search().sort ?? (s.search().q ? "relevance" : "newest")}
          onChange={(e) => s.setParams({ sort: e.currentTarget.value })}
        >
          <For each={sorts.filter((sort) => !sort.needsSearch || s.search().q)}>
            {(sort) => <option value={sort.value}>{sort.label}</option>}
          </For>
        </select>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={s.params.inStock === "true"}
            onChange={(e) => s.setParams({ inStock: e.currentTarget.checked ? "true" : undefined })}
          />
          In stock only
        </label>
        <fieldset class="filter-group">
          <legend class="visually-hidden">Price with shipping</legend>
          <PriceBound label="Price from" {...s.bound("minPrice")} />
          <PriceBound label="Price to" {...s.bound("maxPrice")} />
        </fieldset>
        <For each={s.facets()}>
          {(facet) => (
            <label class="filter-field">
              <span>{facet.name}</span>
              <select
                value={s.optionFilters()[facet.name] ?? ""}
                aria-invalid={s.errors()[optionPrefix + facet.name] ? "true" : undefined}
                onChange={(e) => s.setOption(facet.name, e.currentTarget.value)}
              >
                <option value="">Any</option>
                <For each={facet.values}>
                  {(value) => (
                    <option value={value} selected={s.optionFilters()[facet.name] === value}>
                      {value}
                    </option>
                  )}
                </For>
              </select>
            </label>
          )}
        </For>
        <Show when={s.filtered()}>
          <button type="button" class="button secondary" onClick={s.clear}>
            Clear filters
          </button>
        </Show>
      </div>
    </form>
  );
}
