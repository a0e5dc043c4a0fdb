import { A, createAsync } from "@solidjs/router";
import { Show } from "solid-js";
import { ForById } from "../components/ForById.tsx";
import { Async, Empty } from "../components/State.tsx";
import { getShopCurrency } from "../lib/currency.ts";
import { pageTitle } from "../lib/role.ts";
import { ShippingPreview } from "./ShippingPreview.tsx";
import { getZones } from "./shipping.ts";
import { ZoneCard } from "./ZoneCard.tsx";
import { ZoneForm } from "./ZoneForm.tsx";

/** The route's preload: the page's reads, started with the navigation. */
export { preloadShipping as preload } from "./shipping.ts";

/** Where the shop ships and what it charges: zones with their methods and bands, and a preview of a price. */
export default function ShippingPage() {
  pageTitle("Shipping");
  const currency = createAsync(() => getShopCurrency());
  const zones = createAsync(() => getZones());
  return (
    <section>
      <div class="a-title">
        <h1>Shipping</h1>
      </div>
      <p class="muted">
        An address ships by the most specific zone that covers it: postal codes, then subdivisions, then its country,
        then the rest of the world. Tax rates are set under <A href="/admin/taxes">Taxes</A>.
      </p>
      <Async value={currency} keys={getShopCurrency.key} what="the shipping zones">
        {(code) => (
          <>
            <ShippingPreview currency={code()} />
            <section class="a-panel" aria-labelledby="new-zone">
              <h2 id="new-zone">New zone</h2>
              <ZoneForm zone={null} />
            </section>
            <Async value={zones} keys={getZones.key} what="the shipping zones">
              {(list) => (
                <Show when={list().length > 0} fallback={<Empty>No zone: the shop ships nowhere yet.</Empty>}>
                  <ul class="a-cards" data-testid="zones">
                    <ForById each={list()}>{(zone) => <ZoneCard zone={zone()} currency={code()} />}</ForById>
                  </ul>
                </Show>
              )}
            </Async>
          </>
        )}
      </Async>
    </section>
  );
}
