import { A } from "@solidjs/router";
import { For } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import { formatRate } from "../../lib/regions.ts";
import type { OrderDetail } from "../lib/types.ts";

/**
 * The order's lines as they were bought, each with what it was charged as stored when the order was
 * placed (its share of the discount, net, tax and rate), and its totals with the shipping method.
 */
export function OrderItems(props: { order: OrderDetail }) {
  const o = () => props.order;
  const money = (minor: number) => formatMoney(minor, o().currency);
  return (
    <section class="a-panel">
      <h2>Items</h2>
      <table class="a-table">
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Variant and SKU</th>
            <th scope="col">Unit price</th>
            <th scope="col">Quantity</th>
            <th scope="col">Line total</th>
            <th scope="col">Discount share</th>
            <th scope="col">Net</th>
            <th scope="col">Tax</th>
          </tr>
        </thead>
        <tbody>
          <For each={o().items}>
            {(item) => (
              <tr>
                <td data-label="Product">
                  <A href={`/admin/products/${item.productId}`}>{item.name}</A>
                </td>
                <td data-label="Variant and SKU" data-testid="item-variant">
                  {item.variantTitle} · <code>{item.sku}</code>
                </td>
                <td data-label="Unit price">{money(item.unitPrice)}</td>
                <td data-label="Quantity">{item.quantity}</td>
                <td data-label="Line total">{money(item.lineTotal)}</td>
                <td data-label="Discount share">{money(item.discountAmount)}</td>
                <td data-label="Net">{money(item.netAmount)}</td>
                <td data-label="Tax" data-testid="item-tax">
                  {money(item.taxAmount)} <small class="muted">at {formatRate(item.taxRateBps)}</small>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <dl class="a-totals">
        <dt>Subtotal</dt>
        <dd>{money(o().subtotal)}</dd>
        <For each={(o().promotions ?? []).filter((promotion) => promotion.amount > 0)}>
          {(promotion) => (
            <>
              <dt>{promotion.name}</dt>
              <dd>−{money(promotion.amount)}</dd>
            </>
          )}
        </For>
        <dt>
          {(o().promotions?.length ?? 0) > 0 ? "Discounts in all" : "Discount"}
          {o().couponCode ? ` (${o().couponCode})` : ""}
        </dt>
        <dd>{o().discount > 0 ? `−${money(o().discount)}` : money(0)}</dd>
        <dt>Tax{o().pricesIncludeTax ? " (included)" : ""}</dt>
        <dd>{money(o().tax)}</dd>
        <dt>Shipping{o().shippingMethod ? ` (${o().shippingMethod?.name})` : ""}</dt>
        <dd>
          {money(o().shipping)}
          {(o().shippingDiscount ?? 0) > 0 ? ` (${money(o().shippingDiscount ?? 0)} off by promotion)` : ""}
          {o().shippingTax > 0
            ? ` (${o().pricesIncludeTax ? "incl." : "+"} ${money(o().shippingTax)} tax at ${formatRate(o().shippingTaxRateBps)})`
            : ""}
        </dd>
        <dt>Total</dt>
        <dd>
          <strong data-testid="admin-order-total">{money(o().total)}</strong>
        </dd>
      </dl>
    </section>
  );
}
