import { createAsync } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { createPagedList } from "../../lib/data.ts";
import { ForById } from "../components/ForById.tsx";
import { Async, ListState } from "../components/State.tsx";
import { getShopCurrency } from "../lib/currency.ts";
import { pageTitle } from "../lib/role.ts";
import type { Coupon } from "../lib/types.ts";
import { CouponCard } from "./CouponCard.tsx";
import { CouponForm } from "./CouponForm.tsx";
import { getCouponsPage, noFilters } from "./coupons.ts";

/** The route's preload: the page's reads, started with the navigation. */
export { preloadCoupons as preload } from "./coupons.ts";

export default function CouponsPage() {
  pageTitle("Coupons");
  const currency = createAsync(() => getShopCurrency());
  const list = createPagedList(getCouponsPage, noFilters);
  const [creating, setCreating] = createSignal(false);
  // A save answers with the coupon as it is now: it takes its place in the list, no reading again.
  const replace = (saved: Coupon) => list.update((items) => items.map((c) => (c.id === saved.id ? saved : c)));
  const added = (created: Coupon) => list.update((items) => [created, ...items.filter((c) => c.id !== created.id)]);

  return (
    <section>
      <div class="a-title">
        <h1>Coupons</h1>
        <span class="a-spacer" />
        <button type="button" class="button" aria-expanded={creating()} onClick={() => setCreating(!creating())}>
          {creating() ? "Close the new coupon" : "New coupon"}
        </button>
      </div>
      <Async value={currency} keys={getShopCurrency.key} what="the coupons">
        {(code) => (
          <>
            <Show when={creating()}>
              <section class="a-panel" aria-labelledby="new-coupon">
                <h2 id="new-coupon">New coupon</h2>
                <CouponForm coupon={null} currency={code()} onSaved={added} onCancel={() => setCreating(false)} />
              </section>
            </Show>
            <ListState list={list} what="coupons" empty={<p>No coupons yet: create the first one.</p>}>
              {(items) => (
                <ul class="a-cards" data-testid="coupons">
                  <ForById each={items()}>
                    {(coupon) => <CouponCard coupon={coupon()} currency={code()} onSaved={replace} />}
                  </ForById>
                </ul>
              )}
            </ListState>
          </>
        )}
      </Async>
    </section>
  );
}
