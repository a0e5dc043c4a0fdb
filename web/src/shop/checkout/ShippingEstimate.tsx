import { createAsync } from "@solidjs/router";
import { Show } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import { countryName, formatRate } from "../../lib/regions.ts";
import { getGeoCountry, getGuestQuote } from "./quote.ts";

/**
 * What one of a variant costs delivered where the shopper seems to be (the edge's country): the
 * cheapest way there and its tax, as checkout will price it; nothing when the country is unknown.
 */
export function ShippingEstimate(props: { variantId: string; currency: string }) {
  const country = createAsync(() => getGeoCountry(), { initialValue: null });
  const quote = createAsync(
    async () => {
      const to = country.latest;
      if (!to) return undefined;
      return getGuestQuote([{ variantId: props.variantId, quantity: 1 }], { country: to }).catch(() => undefined);
    },
    { initialValue: undefined },
  );
  const q = () => quote.latest;
  const tax = () => q()?.summary.taxLines[0];
  return (
    <Show when={q() && country.latest}>
      {(to) => (
        <p class="muted shipping-estimate" data-testid="shipping-estimate">
          <Show when={q()?.method} fallback={<>We do not ship to {countryName(to())} at the moment.</>}>
            {(method) => (
              <>
                To {countryName(to())}:{" "}
                {method().price === 0
                  ? "free delivery"
                  : `delivery from ${formatMoney(method().price, props.currency)}`}
                <Show when={tax()}>
                  {(line) => (
                    <>
                      {" "}
                      ·{" "}
                      {q()?.summary.pricesIncludeTax
                        ? `price includes ${formatRate(line().rateBps)} tax`
                        : `${formatRate(line().rateBps)} tax added`}
                    </>
                  )}
                </Show>
              </>
            )}
          </Show>
        </p>
      )}
    </Show>
  );
}
