import { createSignal, Show } from "solid-js";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { ForById } from "../components/ForById.tsx";
import { Failure, ListState, Loading } from "../components/State.tsx";
import { shopCurrency } from "../lib/currency.ts";
import { createLoader, createPaged } from "../lib/data.ts";
import { pageTitle } from "../lib/role.ts";
import type { Coupon } from "../lib/types.ts";
import { CouponCard } from "./CouponCard.tsx";
import { CouponForm } from "./CouponForm.tsx";

export default function CouponsPage() {
  pageTitle("Coupons");
  const currency = createLoader(shopCurrency);
  const [creating, setCreating] = createSignal(false);
  const list = createPaged<Coupon>((cursor) =>
    read(api.admin.coupons.$get({ query: cursor ? { limit: "20", cursor } : { limit: "20" } })),
  );
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
      <Show
        when={!currency.error()}
        fallback={<Failure error={currency.error()} what="the coupons" retry={currency.reload} />}
      >
        <Show when={currency.value()} fallback={<Loading what="coupons" />}>
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
        </Show>
      </Show>
    </section>
  );
}
