import { For, Show } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import { kindLabels } from "./promotion-labels.ts";
import type { PromotionPreview } from "./promotions.ts";

/** Each line's discount, the promotions that applied and what the sample cart comes to. */
export function PreviewResult(props: { preview: PromotionPreview }) {
  const money = (amount: number) => formatMoney(amount, props.preview.currency);
  return (
    <div class="a-result" data-testid="promotion-preview" role="status">
      <table class="a-table a-compact">
        <caption class="visually-hidden">The sample cart's lines</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" class="a-num">
              Quantity
            </th>
            <th scope="col" class="a-num">
              Unit price
            </th>
            <th scope="col" class="a-num">
              Discount
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.preview.items}>
            {(item) => (
              <tr>
                <td>
                  {item.name}
                  <span class="muted"> {item.variantTitle}</span>
                </td>
                <td class="a-num">{item.quantity}</td>
                <td class="a-num">{money(item.unitPrice)}</td>
                <td class="a-num">{item.discount > 0 ? `−${money(item.discount)}` : "—"}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={props.preview.promotions.length > 0} fallback={<p>No promotion applies to this cart.</p>}>
        <ul>
          <For each={props.preview.promotions}>
            {(p) => (
              <li>
                <strong>{p.name}</strong> {p.draft ? "(this draft)" : "(live)"}, on {kindLabels[p.kind].toLowerCase()}:{" "}
                −{money(p.amount + p.shipping)}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <p>
        Subtotal {money(props.preview.subtotal)}, discount −{money(props.preview.discount)}, so{" "}
        <strong>{money(props.preview.subtotal - props.preview.discount)}</strong> for the goods
        <Show when={props.preview.shipping > 0}>
          ; shipping {money(props.preview.shipping)} − {money(props.preview.shippingDiscount)}
        </Show>
        .
      </p>
    </div>
  );
}
