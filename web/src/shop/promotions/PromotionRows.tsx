import { For, Show } from "solid-js";

/** The promotions an order, a quote or a cart takes, a row each, as a `<dl class="totals">`'s rows. */
export function PromotionRows(props: {
  promotions: { id: string; name: string; amount: number; shipping: number }[] | undefined;
  money: (amount: number) => string;
}) {
  return (
    <For each={props.promotions ?? []}>
      {(promotion) => (
        <Show when={promotion.amount > 0}>
          <dt data-testid="promotion-name">{promotion.name}</dt>
          <dd data-testid="promotion-amount">−{props.money(promotion.amount)}</dd>
        </Show>
      )}
    </For>
  );
}
