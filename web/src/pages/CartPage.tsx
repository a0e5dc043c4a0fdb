import { A, createAsync, useNavigate } from "@solidjs/router";
import { createSignal, For, onMount, Show } from "solid-js";
import { Field } from "../components/Field.tsx";
import { FormError } from "../components/FormError.tsx";
import { getProduct } from "../lib/api.ts";
import { cart, guestLines, loadCart, setQuantity } from "../lib/cart.ts";
import { formatMoney } from "../lib/money.ts";
import { placeOrder, previewCoupon } from "../lib/orders.ts";
import { user } from "../lib/session.ts";

function GuestCart() {
  const lines = createAsync(() =>
    Promise.all(guestLines().map(async (line) => ({ ...line, product: await getProduct(line.productId) }))),
  );
  return (
    <Show when={(lines() ?? []).length > 0} fallback={<p class="muted">Your cart is empty.</p>}>
      <ul class="cart-lines">
        <For each={lines()}>
          {(line) => (
            <li class="cart-line">
              <span>{line.product.name}</span>
              <span>× {line.quantity}</span>
              <span>
                {formatMoney((line.product.price - line.product.discount) * line.quantity, line.product.currency)}
              </span>
            </li>
          )}
        </For>
      </ul>
      <p>
        <A class="button" href="/signin?next=/cart">
          Sign in to check out
        </A>
      </p>
    </Show>
  );
}

export default function CartPage() {
  const navigate = useNavigate();
  const [address, setAddress] = createSignal({
    name: "",
    line1: "",
    city: "",
    postalCode: "",
    country: "US",
    phone: "",
  });
  const [coupon, setCoupon] = createSignal("");
  const [preview, setPreview] = createSignal<Awaited<ReturnType<typeof previewCoupon>> | null>(null);
  const [error, setError] = createSignal<unknown>();
  const [busy, setBusy] = createSignal(false);
  // One key per attempt to place this order: a retried click cannot create a second order.
  const [idempotencyKey] = createSignal(crypto.randomUUID());
  const field = (name: keyof ReturnType<typeof address>) => (value: string) =>
    setAddress({ ...address(), [name]: value });

  onMount(() => {
    if (user()) void loadCart();
  });

  const applyCoupon = async () => {
    setError(undefined);
    try {
      setPreview(await previewCoupon(coupon()));
    } catch (failure) {
      setPreview(null);
      setError(failure);
    }
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { phone, ...rest } = address();
      const order = await placeOrder(
        { shippingAddress: phone ? { ...rest, phone } : rest, couponCode: coupon() || undefined },
        idempotencyKey(),
      );
      navigate(`/orders/${order.id}`);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <h1>Your cart</h1>
      <Show when={user()} fallback={<GuestCart />}>
        <Show when={cart()} fallback={<p class="muted">Loading…</p>}>
          {(current) => (
            <Show
              when={current().items.length > 0}
              fallback={
                <p class="muted">
                  Your cart is empty. <A href="/">Go shopping</A>
                </p>
              }
            >
              <ul class="cart-lines" data-testid="cart-lines">
                <For each={current().items}>
                  {(item) => (
                    <li class="cart-line">
                      <span>{item.name}</span>
                      <span class="stepper">
                        <button
                          type="button"
                          aria-label={`One less ${item.name}`}
                          onClick={() => setQuantity(item.productId, item.quantity - 1).catch(setError)}
                        >
                          −
                        </button>
                        <span data-testid="line-quantity">{item.quantity}</span>
                        <button
                          type="button"
                          aria-label={`One more ${item.name}`}
                          onClick={() => setQuantity(item.productId, item.quantity + 1).catch(setError)}
                        >
                          +
                        </button>
                      </span>
                      <span>{formatMoney(item.lineTotal, current().currency)}</span>
                    </li>
                  )}
                </For>
              </ul>
              <dl class="totals">
                <dt>Subtotal</dt>
                <dd data-testid="cart-subtotal">{formatMoney(current().subtotal, current().currency)}</dd>
                <dt>Shipping</dt>
                <dd>{formatMoney(current().shipping, current().currency)}</dd>
                <Show when={preview()}>
                  {(p) => (
                    <>
                      <dt>Discount</dt>
                      <dd>−{formatMoney(p().discount, p().currency)}</dd>
                      <dt>Tax</dt>
                      <dd>{formatMoney(p().tax, p().currency)}</dd>
                      <dt>Total</dt>
                      <dd>
                        <strong>{formatMoney(p().total, p().currency)}</strong>
                      </dd>
                    </>
                  )}
                </Show>
              </dl>

              <form class="form checkout" onSubmit={submit}>
                <h2>Checkout</h2>
                <div class="coupon-row">
                  <Field label="Coupon code" name="coupon" required={false} value={coupon()} onInput={setCoupon} />
                  <button type="button" class="button secondary" onClick={applyCoupon} disabled={!coupon()}>
                    Apply
                  </button>
                </div>
                <Field
                  label="Full name"
                  name="name"
                  autocomplete="name"
                  value={address().name}
                  onInput={field("name")}
                />
                <Field
                  label="Address"
                  name="line1"
                  autocomplete="address-line1"
                  value={address().line1}
                  onInput={field("line1")}
                />
                <Field
                  label="City"
                  name="city"
                  autocomplete="address-level2"
                  value={address().city}
                  onInput={field("city")}
                />
                <Field
                  label="Postal code"
                  name="postalCode"
                  autocomplete="postal-code"
                  value={address().postalCode}
                  onInput={field("postalCode")}
                />
                <Field
                  label="Country (2 letters)"
                  name="country"
                  autocomplete="country"
                  pattern="[A-Z]{2}"
                  value={address().country}
                  onInput={field("country")}
                />
                <Field
                  label="Phone (optional)"
                  name="phone"
                  type="tel"
                  autocomplete="tel"
                  required={false}
                  value={address().phone}
                  onInput={field("phone")}
                />
                <FormError error={error()} />
                <button class="button" type="submit" disabled={busy()}>
                  Place order
                </button>
              </form>
            </Show>
          )}
        </Show>
      </Show>
    </section>
  );
}
