import { forSaleColumn, variantColumns } from "./columns.tsx";
import { PagedReport } from "./PagedReport.tsx";
import { getOutOfStockPage, noFilters, outOfStock } from "./reports.ts";

/** Every variant with no stock left. */
export function OutOfStockReport() {
  return (
    <PagedReport
      title="Out of stock"
      file="out-of-stock"
      empty="Everything is in stock."
      query={getOutOfStockPage}
      args={noFilters}
      read={(cursor) => outOfStock(cursor)}
      columns={[...variantColumns, forSaleColumn]}
    />
  );
}
