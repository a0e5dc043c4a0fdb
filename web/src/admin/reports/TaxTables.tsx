import { For } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import { countryName, formatRate } from "../../lib/regions.ts";
import { csvName, downloadCsv } from "../lib/csv.ts";
import { toAmount } from "../lib/money.ts";
import type { ShippingReport, TaxReport } from "./reports.ts";

/** Tax collected per country and rate, with its CSV. */
export function TaxTable(props: { report: TaxReport; file: string }) {
  const money = (amount: number) => formatMoney(amount, props.report.currency);
  const c = () => props.report.currency.toLowerCase();
  const save = () =>
    downloadCsv(
      csvName(props.file),
      props.report.items.map((row) => ({
        country: row.country,
        rate_percent: row.rateBps / 100,
        orders: row.orders,
        [`net_${c()}`]: toAmount(row.net, props.report.currency),
        [`tax_${c()}`]: toAmount(row.tax, props.report.currency),
      })),
    );
  return (
    <>
      <div class="a-panel-head">
        <h3>Tax collected by country and rate</h3>
        <button type="button" class="button secondary a-small" onClick={save}>
          Download CSV
        </button>
      </div>
      <table class="a-table" data-testid="tax-report">
        <thead>
          <tr>
            <th scope="col">Country</th>
            <th scope="col" class="a-num">
              Rate
            </th>
            <th scope="col" class="a-num">
              Orders
            </th>
            <th scope="col" class="a-num">
              Net
            </th>
            <th scope="col" class="a-num">
              Tax
            </th>
          </tr>
        </thead>
        <tbody>
          <For
            each={props.report.items}
            fallback={
              <tr>
                <td colSpan={5}>No tax collected in these days.</td>
              </tr>
            }
          >
            {(row) => (
              <tr>
                <td data-label="Country">{row.country ? countryName(row.country) : "Unknown"}</td>
                <td data-label="Rate" class="a-num">
                  {formatRate(row.rateBps)}
                </td>
                <td data-label="Orders" class="a-num">
                  {row.orders}
                </td>
                <td data-label="Net" class="a-num">
                  {money(row.net)}
                </td>
                <td data-label="Tax" class="a-num">
                  {money(row.tax)}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </>
  );
}

/** Shipping charged per method, with its CSV. */
export function ShippingTable(props: { report: ShippingReport; file: string }) {
  const money = (amount: number) => formatMoney(amount, props.report.currency);
  const c = () => props.report.currency.toLowerCase();
  const save = () =>
    downloadCsv(
      csvName(props.file),
      props.report.items.map((row) => ({
        method: row.method,
        orders: row.orders,
        [`shipping_${c()}`]: toAmount(row.shipping, props.report.currency),
        [`shipping_tax_${c()}`]: toAmount(row.shippingTax, props.report.currency),
      })),
    );
  return (
    <>
      <div class="a-panel-head">
        <h3>Shipping charged by method</h3>
        <button type="button" class="button secondary a-small" onClick={save}>
          Download CSV
        </button>
      </div>
      <table class="a-table" data-testid="shipping-report">
        <thead>
          <tr>
            <th scope="col">Method</th>
            <th scope="col" class="a-num">
              Orders
            </th>
            <th scope="col" class="a-num">
              Shipping
            </th>
            <th scope="col" class="a-num">
              Its tax
            </th>
          </tr>
        </thead>
        <tbody>
          <For
            each={props.report.items}
            fallback={
              <tr>
                <td colSpan={4}>No shipping charged in these days.</td>
              </tr>
            }
          >
            {(row) => (
              <tr>
                <td data-label="Method">{row.method}</td>
                <td data-label="Orders" class="a-num">
                  {row.orders}
                </td>
                <td data-label="Shipping" class="a-num">
                  {money(row.shipping)}
                </td>
                <td data-label="Its tax" class="a-num">
                  {money(row.shippingTax)}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </>
  );
}
