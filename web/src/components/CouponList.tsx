import { createSignal, For, onCleanup, Show } from "solid-js";
import { cart } from "../lib/cart.ts";
import { coupons, serverNow } from "../lib/live.ts";
import { formatMoney } from "../lib/money.ts";

function left(expiresAt: string, now: number) {
  const ms = Math.max(0, Date.parse(expiresAt) - now);
  const days = Math.floor(ms / 86_400_000);
  const clock = new Date(ms).toISOString().slice(11, 19);
  return days > 0 ? `${days}d ${clock}` : clock;
}

/** My coupons, counting down on the server's clock; expired ones disappear when the server says so. */
export function CouponList() {
  const [now, setNow] = createSignal(serverNow());
  const timer = setInterval(() => setNow(serverNow()), 1_000);
  onCleanup(() => clearInterval(timer));
  return (
    <Show when={coupons().length > 0} fallback={<p class="muted">No coupons right now.</p>}>
      <ul class="cart-lines" data-testid="coupons">
        <For each={coupons()}>
          {(coupon) => (
            <li class="cart-line">
              <span>
                <strong>{coupon.title}</strong> <code>{coupon.code}</code>
              </span>
              <span>
                {coupon.kind === "percent"
                  ? `${coupon.value} % off`
                  : `${formatMoney(coupon.value, cart()?.currency ?? "USD")} off`}
              </span>
              <span class="muted" title="Time left">
                {left(coupon.expiresAt, now())}
              </span>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
