import { createAsync } from "@solidjs/router";
import { createSignal, For, type JSX, onCleanup, Show } from "solid-js";
import { Reading } from "../../components/Reading.tsx";
import { serverNow, timeLeft } from "../../lib/clock.ts";
import { coupons, couponsKnown } from "../../lib/live.ts";
import { formatMoney } from "../../lib/money.ts";
import { user } from "../../lib/session.ts";
import { getMyCoupons } from "./coupons.ts";

export type MyCoupon = ReturnType<typeof coupons>[number];

/**
 * My coupons, counting down on the server's clock. The shopper's room keeps the list live (granted,
 * used and expired ones come and go by themselves); until its snapshot arrives, a read of the API
 * shows them. `action` adds a control to each (the cart's "Use").
 */
export function CouponList(props: { action?: (coupon: MyCoupon) => JSX.Element; empty?: JSX.Element }) {
  const [now, setNow] = createSignal(serverNow());
  const timer = setInterval(() => setNow(serverNow()), 1_000);
  onCleanup(() => clearInterval(timer));
  const mine = createAsync(async () => {
    const account = user()?.id;
    return account ? getMyCoupons(account) : undefined;
  });
  // The room's list once its snapshot came (a read may be older than its latest message); the read's before.
  const list = () => (couponsKnown() ? coupons() : (mine()?.items ?? []));
  const currency = () => mine()?.currency ?? "USD";
  return (
    <Reading keys={getMyCoupons.key} what="Your coupons" loading="Loading your coupons…">
      <Show when={list().length > 0} fallback={props.empty ?? <p class="muted">No coupons right now.</p>}>
        <ul class="coupons" data-testid="coupons">
          <For each={list()}>
            {(coupon) => {
              const expired = () => Date.parse(coupon.expiresAt) <= now();
              return (
                <li class="coupon" classList={{ "coupon-expired": expired() }} data-testid="coupon">
                  <span class="coupon-name">
                    <strong>{coupon.title}</strong> <code data-testid="coupon-code">{coupon.code}</code>
                  </span>
                  <span>
                    {coupon.kind === "percent"
                      ? `${coupon.value} % off`
                      : `${formatMoney(coupon.value, currency())} off`}
                    <Show when={coupon.remainingUses > 1}>
                      <small class="muted"> · {coupon.remainingUses} uses left</small>
                    </Show>
                  </span>
                  <span class="coupon-clock">
                    <span class="muted">{expired() ? "Expired" : "Ends in"}</span>{" "}
                    <span role="timer" data-testid="coupon-countdown">
                      {timeLeft(coupon.expiresAt, now())}
                    </span>
                  </span>
                  <Show when={props.action && !expired()}>{props.action?.(coupon)}</Show>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
    </Reading>
  );
}
