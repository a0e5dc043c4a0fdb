import { A, createAsync, useSearchParams } from "@solidjs/router";
import { formatMoney } from "../../lib/money.ts";
import { SelectField } from "../components/Fields.tsx";
import { toAmount } from "../lib/money.ts";
import { topProductsDays } from "./address.ts";
import { PagedReport } from "./PagedReport.tsx";
import { getTopProductsPage, topProducts } from "./reports.ts";

/** The products with the most units sold over a period staff choose (kept in the address). */
export function TopProductsReport() {
  const [params, setParams] = useSearchParams<{ days?: string }>();
  const days = () => topProductsDays(params.days);
  // The currency comes with the table's first page (the same query, read once). It is read where the
  // table is shown (its cells) and for the download; a failure is the table's to say.
  const pageCurrency = createAsync(() =>
    getTopProductsPage({ days: days() }).then(
      (page) => page.currency,
      () => undefined,
    ),
  );
  const currency = () => pageCurrency() ?? "USD";
  return (
    <PagedReport
      title={`Top products, last ${days()} days`}
      file={`top-products-${days()}-days`}
      empty="Nothing was sold in this period."
      query={getTopProductsPage}
      args={() => ({ days: days() })}
      read={(cursor) => topProducts(days(), cursor)}
      columns={[
        {
          label: "Product",
          cell: (r) => <A href={`/admin/products/${r.productId}`}>{r.name}</A>,
          csv: ["product", (r) => r.name],
        },
        { label: "Units sold", cell: (r) => r.units, csv: ["units", (r) => r.units], numeric: true },
        {
          label: "Revenue",
          cell: (r) => formatMoney(r.revenue, currency()),
          csv: [`revenue_${currency().toLowerCase()}`, (r) => toAmount(r.revenue, currency())],
          numeric: true,
        },
      ]}
    >
      <div class="a-inline-form">
        <SelectField
          label="Period"
          value={String(days())}
          onChange={(value) => setParams({ days: value })}
          choices={[
            { value: "7", label: "Last 7 days" },
            { value: "30", label: "Last 30 days" },
            { value: "90", label: "Last 90 days" },
            { value: "365", label: "Last 365 days" },
          ]}
        />
      </div>
      <p class="muted">Units and revenue of paid orders (paid, processing, shipped, delivered).</p>
    </PagedReport>
  );
}
