import { For, Show } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import { countryName } from "../lib/countries.ts";
import { formatRate } from "../taxes/taxes.ts";
import { deliveryDays, formatGrams, type PreviewInput, type ShippingPreview } from "./shipping.ts";

const why = {
  inactive: "Not offered (inactive)",
  no_band: "Does not apply: no band holds this order",
  per_item: "Each item's own shipping amount",
} as const;

/** The zone an address takes and each of its methods' price for the order, or why a method does not apply. */
export function PreviewResult(props: { input: PreviewInput; preview: ShippingPreview; currency: string }) {
  const money = (minor: number) => formatMoney(minor, props.currency);
  const order = () =>
    `${formatGrams(Number(props.input.weightGrams))} worth ${money(Number(props.input.subtotal))} to ` +
    `${[props.input.postalCode, countryName(props.input.country)].filter(Boolean).join(" ")}`;
  return (
    <div class="a-result" data-testid="shipping-preview" role="status">
      <Show when={props.preview.zone} fallback={<p>No zone covers {order()}: the shop does not ship there.</p>}>
        {(zone) => (
          <>
            <p>
              An order of {order()} ships by the zone <strong>{zone().name}</strong>.
            </p>
            <table class="a-table a-compact">
              <caption class="visually-hidden">Methods and prices</caption>
              <thead>
                <tr>
                  <th scope="col">Method</th>
                  <th scope="col">Price</th>
                  <th scope="col">Delivery</th>
                </tr>
              </thead>
              <tbody>
                <For each={props.preview.methods}>
                  {(method) => (
                    <tr>
                      <td>{method.name}</td>
                      <td>{method.price === null ? why[method.reason ?? "no_band"] : money(method.price)}</td>
                      <td>{deliveryDays(method) || "—"}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </>
        )}
      </Show>
      <p class="muted">
        Tax there: {formatRate(props.preview.tax.goodsRateBps)} on goods of the default class,{" "}
        {formatRate(props.preview.tax.shippingRateBps)} on shipping;{" "}
        {props.preview.tax.pricesIncludeTax ? "prices include it." : "added to prices."}
      </p>
    </div>
  );
}
