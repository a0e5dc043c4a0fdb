import { A, revalidate, useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { createPagedList } from "../../lib/data.ts";
import { ForById } from "../components/ForById.tsx";
import { ListState } from "../components/State.tsx";
import { pageTitle } from "../lib/role.ts";
import type { AdminProduct } from "../lib/types.ts";
import { ExportCatalog, ImportCatalog } from "./CatalogCsv.tsx";
import { ProductFilters, type ProductParams } from "./ProductFilters.tsx";
import { getAdminProduct, getProductsPage, productFilters } from "./products.ts";
import { QuickEdit } from "./QuickEdit.tsx";

/** The route's preload: the page's reads, started with the navigation. */
export { preloadProducts as preload } from "./products.ts";

export default function ProductsPage() {
  pageTitle("Products");
  const [params] = useSearchParams<ProductParams>();
  const [importing, setImporting] = createSignal(false);
  const filters = () => productFilters(params);
  const filtered = () => Object.values(filters()).some((value) => value !== undefined);
  const list = createPagedList(getProductsPage, filters);
  const replace = (saved: AdminProduct) => list.update((items) => items.map((p) => (p.id === saved.id ? saved : p)));

  return (
    <section>
      <div class="a-title">
        <h1>Products</h1>
        <span class="a-spacer" />
        <ExportCatalog />
        <button
          type="button"
          class="button secondary"
          aria-expanded={importing()}
          aria-controls="catalog-import"
          onClick={() => setImporting(!importing())}
        >
          {importing() ? "Close the import" : "Import CSV"}
        </button>
        <A class="button" href="/admin/products/new">
          New product
        </A>
      </div>
      <Show when={importing()}>
        {/* An import may change any product: the list is read again, and each product when next opened. */}
        <ImportCatalog id="catalog-import" onImported={() => void revalidate([list.key, getAdminProduct.key])} />
      </Show>
      <ProductFilters filtered={filtered()} />
      <p class="muted">
        Stock of each variant, the price of a product with one variant and availability can be changed right here; a
        stock change says why. Open a product for everything else.
      </p>
      <ListState
        list={list}
        what="products"
        empty={
          filtered() ? (
            <p>No products match these filters.</p>
          ) : (
            <p>
              No products yet. <A href="/admin/products/new">Add the first one</A>.
            </p>
          )
        }
      >
        {(items) => (
          <table class="a-table" data-testid="products-table">
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Price</th>
                <th scope="col" class="a-num">
                  Customer pays
                </th>
                <th scope="col">Stock</th>
                <th scope="col">For sale</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <ForById each={items()}>{(product) => <QuickEdit product={product()} onSaved={replace} />}</ForById>
            </tbody>
          </table>
        )}
      </ListState>
    </section>
  );
}
