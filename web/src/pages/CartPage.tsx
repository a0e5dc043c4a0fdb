import { A, createAsync, useNavigate } from "@solidjs/router";
import { createSignal, For, onMount, Show } from "solid-js";
import { Field } from "../components/Field.tsx";
import { FormError } from "../components/FormError.tsx";
import { getProduct } from "../lib/api.ts";
import {
  cart,
  type GuestLine,
  guestLines,
  loadCart,
  type MergeNote,
  mergeNotes,
  setMergeNotes,
  setQuantity,
} from "../lib/cart.ts";
import { formatMoney } from "../lib/money.ts";
import { placeOrder, previewCoupon } from "../lib/orders.ts";
import { user } from "../lib/session.ts";
import { variantLabel } from "../lib/variants.ts";

/** A guest line with what the catalog says of it now: its product and variant, if still sold. */
async function resolveGuest(line: GuestLine) {
  const product = await getProduct(line.productId).catch(() => null);
  const variant =
    product?.variants.find((v) => v.id === line.variantId) ??
    (!line.variantId && product?.variants.length === 1 ? product.variants[0] : undefined);
  return { line, product, variant };
}

function GuestCart() {
  const lines = createAsync(() => Promise.all(guestLines().map(resolveGuest)));
  return (
    <Show when={(lines() ?? []).length > 0} fallback={<p class="muted">Your cart is empty.</p>}>
      <ul class="cart-lines" data-testid="cart-lines">
        <For each={lines()}>
          {({ line, product, variant }) => (
            <li class="cart-line">
              <LineName
                name={product?.name ?? line.name ?? "A product"}
                href={product ? `/products/${product.slug}` : undefined}
                variantTitle={variant ? variantLabel(variant.title) : line.variantTitle}
                sku={variant?.sku}
              />
              <span>× {line.quantity}</span>
              <Show
                when={product && variant}
                fallback={
                  <span class="muted">
                    {product && product.variants.length > 1 && !line.variantId
                      ? "Choose a variant on its page"
                      : "No longer sold"}
                  </span>
                }
              >
                <span>
                  {formatMoney(
                    ((variant?.price ?? 0) - (variant?.discount ?? 0)) * line.quantity,
                    product?.currency ?? "USD",
                  )}
                </span>
              </Show>
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

/** What the merge of the guest cart had to change, said once after signing in. */
function MergeNotes() {
  const says = (note: MergeNote) =>
    note.reason === "capped"
      ? `${note.name}: only ${note.available ?? 0} left, so your cart holds ${note.available ?? 0}.`
      : note.reason === "variant_required"
        ? `${note.name}: choose a variant on its page, then add it again.`
        : `${note.name} is no longer available and was left out.`;
  return (
    <Show when={mergeNotes().length > 0}>
      <div class="notice" role="status">
        <p>Your cart from before you signed in was added:</p>
        <ul>
          <For each={mergeNotes()}>{(note) => <li>{says(note)}</li>}</For>
        </ul>
        <button type="button" class="link" onClick={() => setMergeNotes([])}>
          Dismiss
        </button>
      </div>
    </Show>
  );
}

/** A line's product, with its variant's title and SKU when it has several. */
function LineName(props: { name: string; href?: string; variantTitle?: string; sku?: string }) {
  return (
    <span class="line-name">
      <Show when={props.href} fallback={<span>{props.name}</span>}>
        {(href) => <A href={href()}>{props.name}</A>}
      </Show>
      <Show when={props.variantTitle}>
        <small data-testid="line-variant">{props.variantTitle}</small>
      </Show>
      <Show when={props.sku}>
        <small class="muted">
          SKU <span data-testid="line-sku">{props.sku}</span>
        </small>
      </Show>
    </span>
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
      <MergeNotes />
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
                  {(item) => {
                    const title = () => variantLabel(item.variantTitle);
                    const called = () => (title() ? `${item.name}, ${title()}` : item.name);
                    return (
                      <li class="cart-line" data-testid="cart-line">
                        <LineName name={item.name} variantTitle={title()} sku={item.sku} />
                        <span class="stepper">
                          <button
                            type="button"
                            aria-label={`One less ${called()}`}
                            onClick={() => setQuantity(item, item.quantity - 1).catch(setError)}
                          >
                            −
                          </button>
                          <span data-testid="line-quantity">{item.quantity}</span>
                          <button
                            type="button"
                            aria-label={`One more ${called()}`}
                            onClick={() => setQuantity(item, item.quantity + 1).catch(setError)}
                          >
                            +
                          </button>
                        </span>
                        <span>{formatMoney(item.lineTotal, current().currency)}</span>
                      </li>
                    );
                  }}
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
