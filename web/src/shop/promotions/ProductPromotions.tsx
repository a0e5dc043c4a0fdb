import { For, Show } from "solid-js";
import { formatMoney } from "../../lib/money.ts";

const until = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  hour: "numeric",
  minute: "2-digit",
});

/**
 * The item promotions live on a product (a sale, buy 2 get 1), each with when it ends, and what the
 * chosen variant costs in the cart with them.
 */
export function ProductPromotions(props: {
  promotions: { id: string; name: string; endsAt: string | null }[] | undefined;
  salePrice: number | null | undefined;
  currency: string;
}) {
  return (
    <Show when={(props.promotions?.length ?? 0) > 0}>
      <ul class="product-promotions">
        <For each={props.promotions}>
          {(promotion) => (
            <li class="badge" data-testid="product-promotion">
              {promotion.name}
              {promotion.endsAt ? ` · until ${until.format(new Date(promotion.endsAt))}` : ""}
            </li>
          )}
        </For>
      </ul>
      <Show when={props.salePrice !== null && props.salePrice !== undefined}>
        <p class="sale-price" data-testid="sale-price">
          <strong>{formatMoney(props.salePrice ?? 0, props.currency)}</strong> in your cart with the promotion
        </p>
      </Show>
    </Show>
  );
}
