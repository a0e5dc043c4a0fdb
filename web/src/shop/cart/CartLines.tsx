import { Index, Show } from "solid-js";
import type { Form } from "../../lib/form.ts";
import { formatMoney } from "../../lib/money.ts";
import { variantLabel } from "../product/variants.ts";
import { type Cart, removeLine, setQuantity } from "./cart.ts";
import { LineName } from "./LineName.tsx";

/** The account cart's lines: each with its quantity to change, its total, and what is left in stock. */
export function CartLines(props: { cart: Cart; lines: Form }) {
  return (
    <ul class="cart-lines" data-testid="cart-lines">
      <Index each={props.cart.items}>
        {(item) => {
          const title = () => variantLabel(item().variantTitle);
          const called = () => (title() ? `${item().name}, ${title()}` : item().name);
          return (
            <li class="cart-line" data-testid="cart-line">
              <LineName
                name={item().name}
                href={`/products/${item().slug}`}
                imageUrl={item().imageUrl}
                variantTitle={title()}
                sku={item().sku}
              />
              <span class="line-actions">
                <span class="stepper">
                  <button
                    type="button"
                    aria-label={`One less ${called()}`}
                    // Above what is left, one less goes down to what is left (0 removes it).
                    onClick={() =>
                      props.lines.run(() => setQuantity(item(), Math.min(item().quantity - 1, item().available)))
                    }
                  >
                    −
                  </button>
                  <span data-testid="line-quantity">{item().quantity}</span>
                  <button
                    type="button"
                    aria-label={`One more ${called()}`}
                    disabled={item().quantity >= item().available}
                    onClick={() => props.lines.run(() => setQuantity(item(), item().quantity + 1))}
                  >
                    +
                  </button>
                </span>
                <button type="button" class="link" onClick={() => props.lines.run(() => removeLine(item()))}>
                  Remove<span class="visually-hidden"> {called()}</span>
                </button>
              </span>
              <Show
                when={(item().discount ?? 0) > 0}
                fallback={<span>{formatMoney(item().lineTotal, props.cart.currency)}</span>}
              >
                <span data-testid="line-discounted">
                  <s class="muted">{formatMoney(item().lineTotal, props.cart.currency)}</s>{" "}
                  {formatMoney(item().lineTotal - (item().discount ?? 0), props.cart.currency)}
                </span>
              </Show>
              <Show when={item().quantity > item().available}>
                <p class="line-stock" data-testid="line-stock">
                  {item().available > 0
                    ? `Only ${item().available} left: lower the quantity (−) to check out.`
                    : "No longer available: remove it to check out."}
                </p>
              </Show>
            </li>
          );
        }}
      </Index>
    </ul>
  );
}
