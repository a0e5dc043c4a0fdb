import { useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { Field } from "../../components/Field.tsx";
import { describeError, FormError } from "../../components/FormError.tsx";
import { revealWhenAddressed } from "../../lib/anchor.ts";
import { createForm } from "../../lib/form.ts";
import { ApiError } from "../catalog/catalog.ts";
import { placeOrder } from "../orders/orders.ts";
import { AddressFields, emptyAddress, shippingAddressOf } from "./AddressFields.tsx";
import { CouponPicker } from "./CouponPicker.tsx";
import type { CouponPreview } from "./coupon-preview.ts";

/**
 * Checkout: a coupon (picked from mine or typed) and the shipping address, then the order. One key
 * per attempt to place this order, so a retried click cannot create a second one. `onStockChanged`
 * reads the cart again when someone else took the stock meanwhile.
 */
export function CheckoutForm(props: { coupon: CouponPreview; onStockChanged: () => void }) {
  const navigate = useNavigate();
  const coupon = props.coupon;
  const [address, setAddress] = createSignal(emptyAddress);
  const placing = createForm();
  const idempotencyKey = crypto.randomUUID();
  let form: HTMLFormElement | undefined;
  revealWhenAddressed(() => form);
  const placingFailedOnCoupon = () => {
    const failure = placing.error();
    return failure instanceof ApiError && failure.code.startsWith("coupon_") ? failure : undefined;
  };
  // A coupon's refusal is said beside its field (from the preview, or from placing the order with it),
  // and goes away when the field is changed or cleared.
  const couponError = () => {
    const failure = coupon.error() ?? (coupon.code() ? placingFailedOnCoupon() : undefined);
    return failure ? describeError(failure) : undefined;
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void placing.run(async () => {
      try {
        const order = await placeOrder(
          { shippingAddress: shippingAddressOf(address()), couponCode: coupon.code() || undefined },
          idempotencyKey,
        );
        navigate(`/orders/${order.id}`);
      } catch (failure) {
        if (failure instanceof ApiError && failure.code === "insufficient_stock") props.onStockChanged();
        throw failure;
      }
    });
  };

  return (
    <form ref={form} id="checkout" class="form checkout" onSubmit={submit}>
      <h2>Checkout</h2>
      <CouponPicker
        chosen={coupon.previewed()}
        onUse={(code) => {
          placing.clear();
          coupon.use(code);
        }}
      />
      <div class="coupon-row">
        <Field
          label="Coupon code"
          name="coupon"
          required={false}
          value={coupon.code()}
          onInput={(code) => {
            if (placingFailedOnCoupon()) placing.clear();
            coupon.setCode(code);
          }}
          error={couponError()}
        />
        <Show
          when={coupon.applied()}
          fallback={
            <button
              type="button"
              class="button secondary"
              onClick={() => {
                placing.clear();
                coupon.apply();
              }}
              disabled={!coupon.code()}
            >
              Apply
            </button>
          }
        >
          <button type="button" class="button secondary" onClick={coupon.remove}>
            Remove coupon
          </button>
        </Show>
      </div>
      <AddressFields address={address()} onChange={setAddress} errors={placing.errors()} />
      <FormError error={placingFailedOnCoupon() ? undefined : placing.error()} />
      <button class="button" type="submit" disabled={placing.busy()}>
        Place order
      </button>
    </form>
  );
}
