import { A } from "@solidjs/router";
import { LiveState } from "../../components/LiveState.tsx";
import { CouponList } from "./CouponList.tsx";

/** My coupons, each counting down on the server's clock; new grants, uses and expiries show by themselves. */
export default function CouponsPage() {
  return (
    <section class="narrow wide">
      <div class="title-row">
        <h1>Your coupons</h1>
        <LiveState />
      </div>
      <p class="muted">
        Each coupon is yours alone and ends when its clock reaches zero. Use one at checkout from{" "}
        <A href="/cart">your cart</A>.
      </p>
      <CouponList
        empty={
          <p class="muted" data-testid="no-coupons">
            No coupons right now. New ones appear here the moment they are given to you.
          </p>
        }
      />
    </section>
  );
}
