import { createSignal, For, onCleanup, Show } from "solid-js";
import { serverNow, timeLeft } from "../../lib/clock.ts";

/**
 * The promotions an order, a quote or a cart takes, a row each, as a `<dl class="totals">`'s rows;
 * one that ends (a cart's) counts down to its end on the server's clock.
 */
export function PromotionRows(props: {
  promotions: { id: string; name: string; amount: number; shipping: number; endsAt?: string | null }[] | undefined;
  money: (amount: number) => string;
}) {
  const [now, setNow] = createSignal(serverNow());
  const timer = setInterval(() => setNow(serverNow()), 1_000);
  onCleanup(() => clearInterval(timer));
  return (
    <For each={props.promotions ?? []}>
      {(promotion) => (
        <Show when={promotion.amount > 0}>
          <dt data-testid="promotion-name">
            {promotion.name}
            <Show when={promotion.endsAt}>
              {(endsAt) => (
                <small class="muted">
                  {" "}
                  · ends in{" "}
                  <span role="timer" data-testid="promotion-countdown">
                    {timeLeft(endsAt(), now())}
                  </span>
                </small>
              )}
            </Show>
          </dt>
          <dd data-testid="promotion-amount">−{props.money(promotion.amount)}</dd>
        </Show>
      )}
    </For>
  );
}
