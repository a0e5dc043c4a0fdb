import { A, revalidate, useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { createPagedList } from "../../lib/data.ts";
import { createForm } from "../../lib/form.ts";
import { ListState } from "../components/State.tsx";
import { pageTitle } from "../lib/role.ts";
import { createSelection } from "../lib/selection.ts";
import type { AdminProduct } from "../lib/types.ts";
import { warnBeforeLeaving } from "../lib/unsaved.ts";
import { BulkProductBar } from "./BulkProductBar.tsx";
import { type BulkProductAction, bulkProductsSummary, runBulkProducts } from "./bulk-products.ts";
import { ExportCatalog, ImportCatalog } from "./CatalogCsv.tsx";
import { ProductFilters, type ProductParams } from "./ProductFilters.tsx";
import { ProductsTable } from "./ProductsTable.tsx";
import { getAdminProduct, getProductsPage, productFilters } from "./products.ts";
import { createRowDrafts } from "./row-drafts.ts";
import { SaveAllBar } from "./SaveAllBar.tsx";

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
  const drafts = createRowDrafts(replace);
  const changed = () => drafts.changed(list.loaded()).length;
  warnBeforeLeaving(
    () => changed() > 0,
    () => `Leave without saving ${changed() === 1 ? "1 changed product" : `${changed()} changed products`}?`,
  );
  // A product's editor, if read before, reads it again when next opened.
  const saving = createForm({ refresh: [getAdminProduct.key] });
  const saveAll = () => void saving.run(() => drafts.saveAll(list.loaded()));

  const selection = createSelection(filters);
  const bulk = createForm({ refresh: [getAdminProduct.key] });
  /** One action on the selected products: those it took show as they are now, the others stay selected. */
  const runOnSelected = (what: () => BulkProductAction) =>
    void bulk.run(async () => {
      const answer = await runBulkProducts(selection.ids(), what());
      for (const result of answer.results) {
        if (!result.ok) continue;
        const before = list.loaded().find((p) => p.id === result.id);
        if (before) drafts.replaced(before);
        replace(result.product);
      }
      selection.keep(answer.results.filter((r) => !r.ok).map((r) => r.id));
      return bulkProductsSummary(answer);
    });

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
        Stock of each variant, the price of a product with one variant and availability can be changed right here, and
        saved together with Save all; a stock change says why. Select products to act on several at once. Open a product
        for everything else.
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
          <>
            <BulkProductBar selection={selection} form={bulk} onRun={runOnSelected} />
            <SaveAllBar count={changed()} form={saving} onSave={saveAll} />
            <ProductsTable products={items()} drafts={drafts} selection={selection} />
          </>
        )}
      </ListState>
    </section>
  );
}
