import { createAsync } from "@solidjs/router";
import { Show, Suspense } from "solid-js";
import { forSaleColumn, variantColumns } from "./columns.tsx";
import { PagedReport } from "./PagedReport.tsx";
import { getStockLeftPage, noFilters, stockLeft } from "./reports.ts";

/** Every variant's stock, fewest first, under the shop's total. */
export function StockLeftReport() {
  // The total comes with the table's first page (the same query, read once). Shown beside the table, it
  // waits for it quietly: the table says when it is loading or failed, and its retry reads both again.
  const total = createAsync(() =>
    getStockLeftPage(noFilters()).then(
      (page) => page.totalStock,
      () => undefined,
    ),
  );
  return (
    <PagedReport
      title="Stock left"
      file="stock-left"
      empty="No products yet."
      query={getStockLeftPage}
      args={noFilters}
      read={(cursor) => stockLeft(cursor)}
      columns={[
        ...variantColumns,
        {
          label: "Stock",
          cell: (r) => r.variant.stockQty,
          csv: ["stock", (r) => r.variant.stockQty],
          numeric: true,
        },
        forSaleColumn,
      ]}
    >
      <Suspense>
        <Show when={total() !== undefined}>
          <p>
            <strong data-testid="total-stock">{total()}</strong> items in stock across the shop; each variant below,
            fewest first.
          </p>
        </Show>
      </Suspense>
    </PagedReport>
  );
}
