import { For, Show } from "solid-js";
import type { AdminProduct, AdminVariant } from "../lib/types.ts";

/**
 * A product's stock in the list: one input for a product with one variant, else its total with each
 * variant's input under it; once a stock changes, why (kept in the history).
 */
export function QuickStock(props: {
  product: AdminProduct;
  /** The product's only variant, when it has one. */
  only: AdminVariant | undefined;
  stock: Record<string, string>;
  setStock: (variantId: string, value: string) => void;
  reason: string;
  setReason: (reason: string) => void;
  errors: Record<string, string>;
}) {
  const name = () => props.product.name;
  const changed = () => props.product.variants.some((v) => (props.stock[v.id] ?? "").trim() !== String(v.stockQty));
  const stockInput = (variant: AdminVariant, label: string) => (
    <input
      aria-label={label}
      type="number"
      min="0"
      value={props.stock[variant.id] ?? ""}
      aria-invalid={props.errors[`stock.${variant.id}`] ? "true" : undefined}
      onInput={(e) => props.setStock(variant.id, e.currentTarget.value)}
    />
  );
  return (
    <td data-label="Stock">
      <Show
        when={props.only}
        fallback={
          <details class="a-quick-stock">
            <summary>
              <strong data-testid="total-stock">{props.product.stockQty}</strong> in total
              <span class="visually-hidden">: stock of each variant of {name()}</span>
            </summary>
            <ul>
              <For each={props.product.variants}>
                {(variant) => (
                  <li>
                    <span>
                      {variant.title}
                      <Show when={!variant.active}>
                        <span class="muted"> (not for sale)</span>
                      </Show>
                    </span>
                    {stockInput(variant, `Stock of ${name()}, ${variant.title}`)}
                  </li>
                )}
              </For>
            </ul>
          </details>
        }
      >
        {(variant) => stockInput(variant(), `Stock of ${name()}`)}
      </Show>
      <Show when={changed()}>
        <input
          class="a-reason"
          aria-label={`Why the stock of ${name()} changes`}
          placeholder="Why? e.g. stock count"
          value={props.reason}
          aria-invalid={props.errors.stockReason ? "true" : undefined}
          onInput={(e) => props.setReason(e.currentTarget.value)}
        />
      </Show>
    </td>
  );
}
