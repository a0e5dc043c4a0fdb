import { useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { Field } from "../../components/Field.tsx";
import { FormError } from "../../components/FormError.tsx";
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
    <form id="checkout" class="form checkout" onSubmit={submit}>
      <h2>Checkout</h2>
      <CouponPicker
        chosen={coupon.previewed()}
        onUse={(code) => {
          placing.clear();
          coupon.use(code);
        }}
      />
      <div class="coupon-row">
        <Field label="Coupon code" name="coupon" required={false} value={coupon.code()} onInput={coupon.setCode} />
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
      <FormError error={placing.error() ?? coupon.error()} />
      <button class="button" type="submit" disabled={placing.busy()}>
        Place order
      </button>
    </form>
  );
}
