import { createAsync, useSearchParams } from "@solidjs/router";
import { createEffect, createSignal, For, on, Show } from "solid-js";
import { ProductCard } from "../components/ProductCard.tsx";
import {
  getCategories,
  getProducts,
  listProducts,
  type ProductSearch,
  type ProductSort,
  type ProductSummary,
} from "../lib/api.ts";

const sorts: { value: ProductSort; label: string }[] = [
  { value: "newest", label: "Newest" },
  { value: "price_asc", label: "Price: low to high" },
  { value: "price_desc", label: "Price: high to low" },
  { value: "rating", label: "Top rated" },
];

type Params = { q?: string; category?: string; sort?: string; inStock?: string };

export function ProductListPage() {
  const [params, setParams] = useSearchParams<Params>();
  const search = (): ProductSearch => ({
    q: params.q || undefined,
    category: params.category || undefined,
    sort: (params.sort as ProductSort) || undefined,
    inStock: params.inStock === "true" ? "true" : undefined,
  });
  const firstPage = createAsync(() => getProducts(search()));
  const categories = createAsync(() => getCategories());

  // Pages fetched with "Load more" extend the first page until the search changes.
  const [more, setMore] = createSignal<ProductSummary[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  createEffect(
    on(firstPage, (page) => {
      setMore([]);
      setCursor(page?.nextCursor ?? null);
    }),
  );
  const loadMore = async () => {
    const next = cursor();
    if (!next) return;
    const page = await listProducts({ ...search(), cursor: next });
    setMore((items) => [...items, ...page.items]);
    setCursor(page.nextCursor);
  };

  return (
    <section>
      <form class="filters" aria-label="Filter products" onSubmit={(e) => e.preventDefault()}>
        <input
          type="search"
          name="q"
          placeholder="Search products"
          aria-label="Search products"
          value={params.q ?? ""}
          onChange={(e) => setParams({ q: e.currentTarget.value || undefined })}
        />
        <select
          aria-label="Category"
          value={params.category ?? ""}
          onChange={(e) => setParams({ category: e.currentTarget.value || undefined })}
        >
          <option value="">All categories</option>
          <For each={categories()?.items}>{(category) => <option value={category.slug}>{category.name}</option>}</For>
        </select>
        <select
          aria-label="Sort"
          value={params.sort ?? "newest"}
          onChange={(e) => setParams({ sort: e.currentTarget.value })}
        >
          <For each={sorts}>{(sort) => <option value={sort.value}>{sort.label}</option>}</For>
        </select>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={params.inStock === "true"}
            onChange={(e) => setParams({ inStock: e.currentTarget.checked ? "true" : undefined })}
          />
          In stock only
        </label>
      </form>

      <Show when={firstPage()} fallback={<p class="muted">Loading products…</p>}>
        {(page) => (
          <>
            <Show when={page().items.length > 0} fallback={<p class="muted">No products match.</p>}>
              <div class="grid" data-testid="product-grid">
                <For each={[...page().items, ...more()]}>{(product) => <ProductCard product={product} />}</For>
              </div>
            </Show>
            <Show when={cursor()}>
              <button type="button" class="button secondary load-more" onClick={loadMore}>
                Load more
              </button>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
