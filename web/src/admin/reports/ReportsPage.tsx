import { A, useSearchParams } from "@solidjs/router";
import { createSignal, For, type JSX, Show } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import { ChartView } from "../components/ChartView.tsx";
import { FormStatus } from "../components/Feedback.tsx";
import { InputField, SelectField } from "../components/Fields.tsx";
import { Empty, Failure, ListState, Loading } from "../components/State.tsx";
import { csvName, downloadCsv } from "../lib/csv.ts";
import { createLoader, createPaged, fetchAll } from "../lib/data.ts";
import { createChecks, createForm } from "../lib/form.ts";
import { toAmount } from "../lib/money.ts";
import { pageTitle } from "../lib/role.ts";
import type { Page } from "../lib/types.ts";
import {
  lowStock,
  outOfStock,
  productRatings,
  revenueByDay,
  type StockRow,
  stockLeft,
  topProducts,
} from "./reports.ts";

const views = [
  { view: "revenue", label: "Revenue by day" },
  { view: "top-products", label: "Top products" },
  { view: "out-of-stock", label: "Out of stock" },
  { view: "stock-left", label: "Stock left" },
  { view: "low-stock", label: "Low stock" },
  { view: "ratings", label: "Rating averages" },
] as const;
type View = (typeof views)[number]["view"];

interface Column<T> {
  label: string;
  cell: (row: T) => JSX.Element;
  /** The column in the CSV file (header and value). */
  csv: [string, (row: T) => string | number | boolean];
  numeric?: boolean;
}

/** A keyset-paged report as a table with "Load more", and its CSV download (every page, fetched for it). */
function PagedReport<T>(props: {
  title: string;
  file: string;
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>;
  columns: Column<T>[];
  empty: string;
  deps?: () => unknown;
  children?: JSX.Element;
}) {
  const list = createPaged<T>(props.fetchPage, props.deps);
  const download = createForm();
  const save = () =>
    download.run(async () => {
      const rows = await fetchAll(props.fetchPage);
      downloadCsv(
        csvName(props.file),
        rows.map((row) => Object.fromEntries(props.columns.map((c) => [c.csv[0], c.csv[1](row)]))),
        props.columns.map((c) => c.csv[0]),
      );
      return `Downloaded ${rows.length} ${rows.length === 1 ? "row" : "rows"}.`;
    });
  return (
    <section class="a-panel" aria-labelledby="report-heading">
      <div class="a-panel-head">
        <h2 id="report-heading">{props.title}</h2>
        <button type="button" class="button secondary a-small" disabled={download.busy()} onClick={() => void save()}>
          {download.busy() ? "Preparing…" : "Download CSV"}
        </button>
      </div>
      <FormStatus form={download} />
      {props.children}
      <ListState list={list} what="the report" empty={<p>{props.empty}</p>}>
        {(items) => (
          <table class="a-table" data-testid="report-table">
            <thead>
              <tr>
                <For each={props.columns}>
                  {(column) => (
                    <th scope="col" classList={{ "a-num": column.numeric }}>
                      {column.label}
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={items()}>
                {(row) => (
                  <tr>
                    <For each={props.columns}>
                      {(column) => (
                        <td data-label={column.label} classList={{ "a-num": column.numeric }}>
                          {column.cell(row)}
                        </td>
                      )}
                    </For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        )}
      </ListState>
    </section>
  );
}

const productLink = (row: { id: string; name: string }) => <A href={`/admin/products/${row.id}`}>{row.name}</A>;

/** The product and variant columns every stock report starts with (a variant per row). */
const variantColumns: Column<StockRow>[] = [
  { label: "Product", cell: (r) => productLink(r.product), csv: ["product", (r) => r.product.name] },
  { label: "Variant", cell: (r) => r.variant.title, csv: ["variant", (r) => r.variant.title] },
  { label: "SKU", cell: (r) => <code>{r.variant.sku}</code>, csv: ["sku", (r) => r.variant.sku] },
];

const dayMs = 86_400_000;
const utcDay = (time: number) => new Date(time).toISOString().slice(0, 10);
const nextDay = (day: string) => utcDay(Date.parse(`${day}T00:00:00Z`) + dayMs);

function RevenueReport() {
  const [params, setParams] = useSearchParams<{ from?: string; to?: string }>();
  const today = utcDay(Date.now());
  const range = () => ({
    from: params.from && /^\d{4}-\d{2}-\d{2}$/.test(params.from) ? params.from : utcDay(Date.now() - 29 * dayMs),
    to: params.to && /^\d{4}-\d{2}-\d{2}$/.test(params.to) ? params.to : today,
  });
  const [from, setFrom] = createSignal(range().from);
  const [to, setTo] = createSignal(range().to);
  const form = createForm();
  const report = createLoader(
    () => revenueByDay(range().from, nextDay(range().to)),
    () => JSON.stringify(range()),
  );
  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const check = createChecks();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(from())) check.fail("from", "Choose the first day.");
      if (!/^\d{4}-\d{2}-\d{2}$/.test(to())) check.fail("to", "Choose the last day.");
      const days = (Date.parse(to()) - Date.parse(from())) / dayMs + 1;
      if (days < 1) check.fail("to", "The last day cannot be before the first.");
      else if (days > 366) check.fail("to", "A report spans at most 366 days.");
      check.done();
      setParams({ from: from(), to: to() });
    });
  };
  const download = () => {
    const value = report.value();
    if (!value) return;
    downloadCsv(
      csvName(`revenue-${range().from}-to-${range().to}`),
      value.items.map((day) => ({
        day: day.day,
        orders: day.orders,
        paid_orders: day.paidOrders,
        [`revenue_${value.currency.toLowerCase()}`]: toAmount(day.revenue, value.currency),
      })),
    );
  };
  return (
    <section class="a-panel" aria-labelledby="report-heading">
      <div class="a-panel-head">
        <h2 id="report-heading">Revenue by day</h2>
        <button type="button" class="button secondary a-small" disabled={!report.value()} onClick={download}>
          Download CSV
        </button>
      </div>
      <form class="a-inline-form" onSubmit={apply} aria-label="Revenue report range">
        <InputField label="First day (UTC)" type="date" value={from()} onInput={setFrom} error={form.errors().from} />
        <InputField label="Last day (UTC)" type="date" value={to()} onInput={setTo} error={form.errors().to} />
        <button type="submit" class="button">
          Show
        </button>
      </form>
      <FormStatus form={form} />
      <p class="muted">
        Revenue counts orders that are paid, processing, shipped or delivered, on the day they were placed.
      </p>
      <Show
        when={!report.error()}
        fallback={<Failure error={report.error()} what="the report" retry={report.reload} />}
      >
        <Show when={report.value()} fallback={<Loading what="the report" />}>
          {(value) => {
            const money = (minor: number) => formatMoney(minor, value().currency);
            const total = () => value().items.reduce((sum, day) => sum + day.revenue, 0);
            const orders = () => value().items.reduce((sum, day) => sum + day.orders, 0);
            return (
              <Show when={value().items.length > 0} fallback={<Empty>No days in this range.</Empty>}>
                <p>
                  <strong data-testid="revenue-total">{money(total())}</strong> from {orders()} orders over{" "}
                  {value().items.length} days.
                </p>
                <ChartView
                  type="bar"
                  title={`Revenue per day, ${range().from} to ${range().to}`}
                  labels={value().items.map((day) => day.day.slice(5))}
                  series={[
                    { label: "Revenue", data: value().items.map((day) => day.revenue) },
                    { label: "Orders", data: value().items.map((day) => day.orders), line: true },
                  ]}
                  format={money}
                  height={280}
                  testid="report-chart"
                />
                <table class="a-table" data-testid="report-table">
                  <thead>
                    <tr>
                      <th scope="col">Day</th>
                      <th scope="col" class="a-num">
                        Orders
                      </th>
                      <th scope="col" class="a-num">
                        Paid orders
                      </th>
                      <th scope="col" class="a-num">
                        Revenue
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={[...value().items].reverse()}>
                      {(day) => (
                        <tr>
                          <td data-label="Day">{day.day}</td>
                          <td data-label="Orders" class="a-num">
                            {day.orders}
                          </td>
                          <td data-label="Paid orders" class="a-num">
                            {day.paidOrders}
                          </td>
                          <td data-label="Revenue" class="a-num">
                            {money(day.revenue)}
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
            );
          }}
        </Show>
      </Show>
    </section>
  );
}

function StockLeftReport() {
  const [total, setTotal] = createSignal<number | null>(null);
  return (
    <PagedReport
      title="Stock left"
      file="stock-left"
      empty="No products yet."
      fetchPage={async (cursor) => {
        const page = await stockLeft(cursor);
        setTotal(page.totalStock);
        return page;
      }}
      columns={[
        ...variantColumns,
        {
          label: "Stock",
          cell: (r) => r.variant.stockQty,
          csv: ["stock", (r) => r.variant.stockQty],
          numeric: true,
        },
        {
          label: "For sale",
          cell: (r) => (r.variant.active ? "Yes" : "No"),
          csv: ["active", (r) => r.variant.active],
        },
      ]}
    >
      <Show when={total() !== null}>
        <p>
          <strong data-testid="total-stock">{total()}</strong> items in stock across the shop; each variant below,
          fewest first.
        </p>
      </Show>
    </PagedReport>
  );
}

function LowStockReport() {
  const [params, setParams] = useSearchParams<{ threshold?: string }>();
  const threshold = () => (params.threshold && /^\d+$/.test(params.threshold) ? Number(params.threshold) : undefined);
  const [text, setText] = createSignal(params.threshold ?? "");
  const form = createForm();
  return (
    <PagedReport
      title="Low stock"
      file={threshold() === undefined ? "low-stock" : `low-stock-under-${threshold()}`}
      empty="Nothing is under its threshold."
      deps={threshold}
      fetchPage={(cursor) => lowStock(threshold(), cursor)}
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
      <form
        class="a-inline-form"
        aria-label="Low-stock threshold"
        onSubmit={(e) => {
          e.preventDefault();
          void form.run(async () => {
            const check = createChecks();
            const value = check.optionalCount("threshold", text());
            check.done();
            setParams({ threshold: value === null ? undefined : String(value) });
          });
        }}
      >
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

function TopProductsReport() {
  const [params, setParams] = useSearchParams<{ days?: string }>();
  const days = () => (["7", "30", "90", "365"].includes(params.days ?? "") ? Number(params.days) : 30);
  const [currency, setCurrency] = createSignal("USD");
  return (
    <PagedReport
      title={`Top products, last ${days()} days`}
      file={`top-products-${days()}-days`}
      empty="Nothing was sold in this period."
      deps={days}
      fetchPage={async (cursor) => {
        const page = await topProducts(days(), cursor);
        setCurrency(page.currency);
        return page;
      }}
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

export default function ReportsPage() {
  pageTitle("Reports");
  const [params] = useSearchParams<{ view?: string }>();
  const view = (): View => views.find((v) => v.view === params.view)?.view ?? "revenue";
  return (
    <section>
      <div class="a-title">
        <h1>Reports</h1>
      </div>
      <nav aria-label="Reports">
        <ul class="a-tabs">
          <For each={views}>
            {(v) => (
              <li>
                <a href={`/admin/reports?view=${v.view}`} aria-current={view() === v.view ? "page" : undefined}>
                  {v.label}
                </a>
              </li>
            )}
          </For>
        </ul>
      </nav>
      <Show when={view()} keyed>
        {(current) => (
          <>
            <Show when={current === "revenue"}>
              <RevenueReport />
            </Show>
            <Show when={current === "top-products"}>
              <TopProductsReport />
            </Show>
            <Show when={current === "out-of-stock"}>
              <PagedReport
                title="Out of stock"
                file="out-of-stock"
                empty="Everything is in stock."
                fetchPage={(cursor) => outOfStock(cursor)}
                columns={[
                  ...variantColumns,
                  {
                    label: "For sale",
                    cell: (r) => (r.variant.active ? "Yes" : "No"),
                    csv: ["active", (r) => r.variant.active],
                  },
                ]}
              />
            </Show>
            <Show when={current === "stock-left"}>
              <StockLeftReport />
            </Show>
            <Show when={current === "low-stock"}>
              <LowStockReport />
            </Show>
            <Show when={current === "ratings"}>
              <PagedReport
                title="Rating averages"
                file="rating-averages"
                empty="No product has been rated yet."
                fetchPage={(cursor) => productRatings(cursor)}
                columns={[
                  { label: "Product", cell: productLink, csv: ["product", (r) => r.name] },
                  {
                    label: "Average",
                    cell: (r) => `★ ${r.average.toFixed(2)}`,
                    csv: ["average", (r) => r.average],
                    numeric: true,
                  },
                  { label: "Votes", cell: (r) => r.count, csv: ["votes", (r) => r.count], numeric: true },
                ]}
              />
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
