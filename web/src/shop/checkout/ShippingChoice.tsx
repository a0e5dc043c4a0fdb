import { For, Match, Show, Switch } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import type { CheckoutQuote } from "./create-quote.ts";
import type { ShippingOption } from "./quote.ts";

const days = (option: ShippingOption) => {
  const { minDays: min, maxDays: max } = option;
  if (option.kind === "pickup") return "collect at the shop";
  if (min === null && max === null) return "";
  if (min === max || max === null) return `${min} ${min === 1 ? "day" : "days"}`;
  return `${min ?? 0}–${max} days`;
};

/** How the order travels: the methods that take it to the address, each with its price and estimate. */
export function ShippingChoice(props: { quote: CheckoutQuote; currency: string }) {
  const q = () => props.quote.quote();
  return (
    <fieldset class="shipping-choice" aria-busy={props.quote.asked() && !props.quote.current() ? "true" : undefined}>
      <legend>Shipping</legend>
      <Switch>
        <Match when={!props.quote.asked()}>
          <p class="muted">Choose the address's country to see how the order can travel.</p>
        </Match>
        <Match when={props.quote.failure()}>
          <p class="form-error" role="alert">
            Shipping could not be priced just now. Check the address, or try again in a moment.
          </p>
        </Match>
        <Match when={q() && !q()?.shippable}>
          <p class="form-error" role="alert" data-testid="not-shippable">
            We do not ship to this address.
          </p>
        </Match>
        <Match when={q() && q()?.options.length === 0}>
          <p class="form-error" role="alert" data-testid="not-shippable">
            No shipping method takes this order to this address.
          </p>
        </Match>
        <Match when={q()}>
          <Show when={q()?.methodApplies === false}>
            <p class="notice notice-error" role="alert" data-testid="method-gone">
              The method chosen no longer takes this order to this address: {q()?.method?.name} is chosen instead.
            </p>
          </Show>
          <For each={q()?.options}>
            {(option) => (
              <label class="shipping-option">
                <input
                  type="radio"
                  name="shipping-method"
                  value={option.id}
                  checked={q()?.method?.id === option.id}
                  onChange={() => props.quote.choose(option.id)}
                />
                <span class="shipping-option-name">
                  {option.name}
                  <Show when={days(option)}>
                    <small class="muted">{days(option)}</small>
                  </Show>
                </span>
                <span>{option.price === 0 ? "Free" : formatMoney(option.price, props.currency)}</span>
              </label>
            )}
          </For>
        </Match>
        <Match when={true}>
          <p class="muted">Pricing shipping…</p>
        </Match>
      </Switch>
    </fieldset>
  );
}
