import { CatalogFilters } from "./CatalogFilters.tsx";
import { ProductResults } from "./ProductResults.tsx";
import { createProductSearch } from "./product-search.ts";

/** The catalog: its filters, kept in the address, and the products they find. */
export function ProductListPage() {
  const search = createProductSearch();
  return (
    <section>
      <h1 class="visually-hidden">Royal Shop catalog</h1>
      <CatalogFilters search={search} />
      <ProductResults search={search} />
    </section>
  );
}
