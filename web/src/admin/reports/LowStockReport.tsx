import { useSearchParams } from "@solidjs/router";
import { createSignal } from "solid-js";
import { createForm } from "../../lib/form.ts";
import { InputField } from "../components/Fields.tsx";
import { createChecks } from "../lib/checks.ts";
import { lowStockThreshold } from "./address.ts";
import { variantColumns } from "./columns.tsx";
import { PagedReport } from "./PagedReport.tsx";
import { getLowStockPage, lowStock } from "./reports.ts";

/** The variants under their low-stock threshold, or under one staff choose (kept in the address). */
export function LowStockReport() {
  const [params, setParams] = useSearchParams<{ threshold?: string }>();
  const threshold = () => lowStockThreshold(params.threshold);
  const [text, setText] = createSignal(params.threshold ?? "");
  const form = createForm();
  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const check = createChecks();
      const value = check.optionalCount("threshold", text());
      check.done();
      setParams({ threshold: value === null ? undefined : String(value) });
    });
  };
  return (
    <PagedReport
      title="Low stock"
      file={threshold() === undefined ? "low-stock" : `low-stock-under-${threshold()}`}
      empty="Nothing is under its threshold."
      query={getLowStockPage}
      args={() => ({ threshold: threshold() })}
      read={(cursor) => lowStock(threshold(), cursor)}
      columns={[
        ...variantColumns,
        {
          label: "Stock",
          cell: (r) => r.variant.stockQty,
          csv: ["stock", (r) => r.variant.stockQty],
          numeric: true,
        },
        {
          label: "Alert under",
          cell: (r) => r.variant.threshold,
          csv: ["threshold", (r) => r.variant.threshold],
          numeric: true,
        },
      ]}
    >
      <form class="a-inline-form" aria-label="Low-stock threshold" onSubmit={apply}>
        <InputField
          label="Under this stock"
          type="number"
          min="0"
          value={text()}
          onInput={setText}
          error={form.errors().threshold}
          hint="Empty: each variant's own low-stock threshold."
          optional
        />
        <button type="submit" class="button">
          Show
        </button>
      </form>
    </PagedReport>
  );
}
