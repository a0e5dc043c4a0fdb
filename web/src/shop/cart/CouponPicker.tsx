import { Show } from "solid-js";
import { CouponList } from "../coupons/CouponList.tsx";

/** My coupons to pick from at checkout: "Use" fills in its code and shows what it takes off. */
export function CouponPicker(props: { chosen: string; onUse: (code: string) => void }) {
  return (
    <details class="coupon-picker" open>
      <summary>Use one of your coupons</summary>
      <CouponList
        empty={<p class="muted">You have no coupons right now.</p>}
        action={(coupon) => (
          <Show
            when={props.chosen !== coupon.code}
            fallback={
              <span class="badge" data-testid="coupon-chosen">
                Applied
              </span>
            }
          >
            <button type="button" class="button secondary" onClick={() => props.onUse(coupon.code)}>
              Use<span class="visually-hidden"> {coupon.title}</span>
            </button>
          </Show>
        )}
      />
    </details>
  );
}
