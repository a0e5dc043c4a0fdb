import { revalidate, useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { describeError, FormError } from "../../components/FormError.tsx";
import { revealWhenAddressed } from "../../lib/anchor.ts";
import { setQuery } from "../../lib/data.ts";
import { FormInvalid } from "../../lib/field-errors.ts";
import { createForm } from "../../lib/form.ts";
import { AddressPicker } from "../addresses/AddressPicker.tsx";
import { draftOf } from "../addresses/addresses.ts";
import { ApiError } from "../catalog/catalog.ts";
import { createAddressDraft } from "../checkout/address-draft.ts";
import { CheckoutSummary } from "../checkout/CheckoutSummary.tsx";
import { createQuote } from "../checkout/create-quote.ts";
import { getCartQuote, getCartQuoteToSaved, rememberShippingChoice } from "../checkout/quote.ts";
import { ShippingChoice } from "../checkout/ShippingChoice.tsx";
import { placeOrder } from "../orders/orders.ts";
import { AddressFields, emptyAddress, shippingAddressOf } from "./AddressFields.tsx";
import { CouponField } from "./CouponField.tsx";
import { type Cart, getCart } from "./cart.ts";
import type { CouponPreview } from "./coupon-preview.ts";

/**
 * Checkout: a coupon, the address, how it travels (with each method's price and estimate), the
 * order's total with each tax line, then the order, placed at that total or refused. One key per
 * attempt to place this order, so a retried click cannot create a second one. `onStockChanged`
 * reads the cart again when someone else took the stock meanwhile.
 */
export function CheckoutForm(props: {
  account: string;
  cart: Cart;
  coupon: CouponPreview;
  onStockChanged: () => void;
}) {
  const navigate = useNavigate();
  const coupon = props.coupon;
  const [address, setAddress] = createAddressDraft();
  const [savedId, setSavedId] = createSignal<string>();
  const quote = createQuote(
    (ask) => {
      const saved = savedId();
      const { methodId, couponCode } = ask;
      return saved
        ? getCartQuoteToSaved(props.account, props.cart.version, saved, { methodId, couponCode })
        : getCartQuote(props.account, props.cart.version, ask);
    },
    address,
    () => ({ couponCode: coupon.previewed() || undefined }),
    {
      methodId: () => props.cart.shippingChoice?.methodId,
      // The cart that comes back (to every device of mine) is the one the page shows.
      remember: (ask) =>
        void rememberShippingChoice(ask)
          .then((cart) => setQuery(getCart, [props.account], cart))
          .catch(() => undefined),
    },
  );
  const placing = createForm();
  const idempotencyKey = crypto.randomUUID();
  let form: HTMLFormElement | undefined;
  revealWhenAddressed(() => form);
  const failedWith = (codes: string) => {
    const failure = placing.error();
    return failure instanceof ApiError && failure.code.startsWith(codes) ? failure : undefined;
  };
  const couponError = () => {
    const failure = coupon.error() ?? (coupon.code() ? failedWith("coupon_") : undefined);
    return failure ? describeError(failure) : undefined;
  };
  const ready = () => quote.current() && quote.quote()?.method;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void placing.run(async () => {
      // A code typed but not applied: applied now, so the summary shows what it takes off (or why
      // it cannot) before the order is placed at that total.
      if (coupon.code() && coupon.code() !== coupon.previewed()) {
        coupon.apply();
        throw new FormInvalid(
          {},
          "Your coupon was not applied yet: check it beside its field and the total, then place the order.",
        );
      }
      const priced = quote.quote();
      try {
        const order = await placeOrder(
          {
            shippingAddress: shippingAddressOf(address()),
            couponCode: coupon.previewed() || undefined,
            shippingMethodId: priced?.method?.id,
            expectedTotal: priced?.summary.total,
          },
          idempotencyKey,
        );
        navigate(`/orders/${order.id}`);
      } catch (failure) {
        if (failure instanceof ApiError && failure.code === "insufficient_stock") props.onStockChanged();
        // A price or rate changed since the summary: show the new one before anything is placed.
        if (failure instanceof ApiError && failure.code === "quote_changed") {
          void revalidate([getCartQuote.key, getCartQuoteToSaved.key]);
        }
        throw failure;
      }
    });
  };

  return (
    <form ref={form} id="checkout" class="form checkout" onSubmit={submit}>
      <h2>Checkout</h2>
      <CouponField coupon={coupon} placing={placing} error={couponError()} placedWithIt={!!failedWith("coupon_")} />
      <AddressPicker
        account={props.account}
        onPick={(saved) => {
          setSavedId(saved?.id);
          setAddress(saved ? draftOf(saved) : { ...emptyAddress, country: "" });
        }}
      />
      <Show when={!savedId()}>
        <AddressFields address={address()} onChange={setAddress} errors={placing.errors()} />
      </Show>
      <ShippingChoice quote={quote} currency={props.cart.currency} />
      <Show when={quote.quote()}>
        {(priced) => (
          <CheckoutSummary quote={priced()} current={quote.current()} estimate={!address().postalCode.trim()} />
        )}
      </Show>
      <FormError error={failedWith("coupon_") ? undefined : placing.error()} />
      <button class="button" type="submit" disabled={placing.busy() || !ready()}>
        Place order
      </button>
    </form>
  );
}
