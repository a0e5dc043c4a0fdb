import { A, useNavigate } from "@solidjs/router";
import { createEffect, createSignal, For, Index, Match, on, Show, Switch } from "solid-js";
import { Field } from "../../components/Field.tsx";
import { FormError } from "../../components/FormError.tsx";
import { LoadFailure } from "../../components/LoadFailure.tsx";
import { formatMoney } from "../../lib/money.ts";
import { ready, user } from "../../lib/session.ts";
import { ApiError, getProduct, type ProductDetail } from "../catalog/catalog.ts";
import { CouponList } from "../coupons/CouponList.tsx";
import { placeOrder, previewCoupon } from "../orders/orders.ts";
import { variantLabel } from "../product/variants.ts";
import {
  cart,
  clearCart,
  guestLines,
  loadCart,
  type MergeNote,
  mergeNotes,
  removeLine,
  setMergeNotes,
  setQuantity,
} from "./cart.ts";

type Looked = { product: ProductDetail } | { missing: true } | { failed: unknown };

/**
 * The cart kept in this browser before signing in, editable like the account's: quantities (up to
 * the stock the catalog shows) and removal. Each product is read once from the catalog, which says
 * its name, price and whether it is still sold.
 */
function GuestCart(props: { onError: (error: unknown) => void }) {
  const [looked, setLooked] = createSignal<ReadonlyMap<string, Looked>>(new Map());
  const pending = new Set<string>();
  const lookUp = (productId: string) => {
    pending.add(productId);
    return getProduct(productId)
      .then((product): Looked => ({ product }))
      .catch(
        (error): Looked => (error instanceof ApiError && error.status === 404 ? { missing: true } : { failed: error }),
      )
      .then((found) => {
        pending.delete(productId);
        setLooked((map) => new Map(map).set(productId, found));
      });
  };
  createEffect(() => {
    for (const line of guestLines())
      if (!looked().has(line.productId) && !pending.has(line.productId)) void lookUp(line.productId);
  });
  const retry = (productId: string) => {
    setLooked((map) => {
      const next = new Map(map);
      next.delete(productId);
      return next;
    });
  };
  return (
    <Show when={guestLines().length > 0} fallback={<p class="muted">Your cart is empty.</p>}>
      <ul class="cart-lines" data-testid="cart-lines">
        <Index each={guestLines()}>
          {(line) => {
            const found = () => looked().get(line().productId);
            const product = () => {
              const f = found();
              return f && "product" in f ? f.product : undefined;
            };
            const variant = () =>
              product()?.variants.find((v) => v.id === line().variantId) ??
              (!line().variantId && product()?.variants.length === 1 ? product()?.variants[0] : undefined);
            const title = () => (variant() ? variantLabel(variant()?.title ?? "") : line().variantTitle);
            const name = () => product()?.name ?? line().name ?? "A product";
            const called = () => (title() ? `${name()}, ${title()}` : name());
            const target = () => ({ productId: line().productId, variantId: variant()?.id ?? line().variantId ?? "" });
            const change = (quantity: number) =>
              setQuantity(target(), quantity, { name: name(), variantTitle: title() || undefined }).catch(
                props.onError,
              );
            return (
              <li class="cart-line" data-testid="cart-line">
                <LineName
                  name={name()}
                  href={product() ? `/products/${product()?.slug}` : undefined}
                  variantTitle={title()}
                  sku={variant()?.sku}
                />
                <span class="line-actions">
                  <span class="stepper">
                    <button
                      type="button"
                      aria-label={`One less ${called()}`}
                      onClick={() => change(line().quantity - 1)}
                    >
                      −
                    </button>
                    <span data-testid="line-quantity">{line().quantity}</span>
                    <button
                      type="button"
                      aria-label={`One more ${called()}`}
                      disabled={!variant() || line().quantity >= (variant()?.stockQty ?? 0)}
                      onClick={() => change(line().quantity + 1)}
                    >
                      +
                    </button>
                  </span>
                  <button type="button" class="link" onClick={() => change(0)}>
                    Remove<span class="visually-hidden"> {called()}</span>
                  </button>
                </span>
                <Switch>
                  <Match when={!found()}>
                    <span class="muted">…</span>
                  </Match>
                  <Match when={found() && "failed" in (found() as Looked)}>
                    <button type="button" class="link" onClick={() => retry(line().productId)}>
                      Could not check: try again
                    </button>
                  </Match>
                  <Match when={variant()}>
                    {(v) => (
                      <span>
                        {formatMoney((v().price - v().discount) * line().quantity, product()?.currency ?? "USD")}
                      </span>
                    )}
                  </Match>
                  <Match when={true}>
                    <span class="muted">
                      {product() && (product()?.variants.length ?? 0) > 1 && !line().variantId
                        ? "Choose a variant on its page"
                        : "No longer sold"}
                    </span>
                  </Match>
                </Switch>
              </li>
            );
          }}
        </Index>
      </ul>
      <div class="actions">
        <A class="button" href="/signin?next=/cart">
          Sign in to check out
        </A>
        <ClearCart onError={props.onError} />
      </div>
    </Show>
  );
}

/** Empties the cart, asking once more first. */
function ClearCart(props: { onError: (error: unknown) => void }) {
  const [asking, setAsking] = createSignal(false);
  let confirmButton: HTMLButtonElement | undefined;
  return (
    <Show
      when={asking()}
      fallback={
        <button
          type="button"
          class="button secondary"
          onClick={() => {
            setAsking(true);
            queueMicrotask(() => confirmButton?.focus());
          }}
        >
          Clear cart
        </button>
      }
    >
      {/* biome-ignore lint/a11y/useSemanticElements: a question with its two answers, not a form's fieldset */}
      <span
        class="line-actions"
        role="group"
        aria-label="Remove everything from your cart?"
        onKeyDown={(e) => e.key === "Escape" && setAsking(false)}
      >
        <span>Remove everything?</span>
        <button
          ref={confirmButton}
          type="button"
          class="button"
          onClick={() => {
            setAsking(false);
            clearCart().catch(props.onError);
          }}
        >
          Yes, clear it
        </button>
        <button type="button" class="button secondary" onClick={() => setAsking(false)}>
          Keep
        </button>
      </span>
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

/** My coupons to pick from at checkout: "Use" fills in its code and shows what it takes off. */
function CouponPicker(props: { chosen: string; onUse: (code: string) => void }) {
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
  /** The code the preview was made for: typing another one makes it stale. */
  const [previewed, setPreviewed] = createSignal("");
  const [error, setError] = createSignal<unknown>();
  const [lineError, setLineError] = createSignal<unknown>();
  const [loadError, setLoadError] = createSignal<unknown>();
  const [busy, setBusy] = createSignal(false);
  // One key per attempt to place this order: a retried click cannot create a second order.
  const [idempotencyKey] = createSignal(crypto.randomUUID());
  const field = (name: keyof ReturnType<typeof address>) => (value: string) =>
    setAddress({ ...address(), [name]: value });

  const load = () => {
    setLoadError(undefined);
    loadCart().catch(setLoadError);
  };
  // Signed in (also once a reload has restored the session): the account's cart, read from the API.
  createEffect(
    on(
      () => user()?.id,
      (id) => {
        if (id) load();
      },
    ),
  );

  const applyCoupon = async (code = coupon()) => {
    setError(undefined);
    try {
      setPreview(await previewCoupon(code));
      setPreviewed(code);
    } catch (failure) {
      setPreview(null);
      setPreviewed("");
      setError(failure);
    }
  };
  const useCoupon = (code: string) => {
    setCoupon(code);
    void applyCoupon(code);
  };
  const removeCoupon = () => {
    setCoupon("");
    setPreview(null);
    setPreviewed("");
    setError(undefined);
  };
  // The cart changed (here or on another device): an applied coupon is priced again on the new cart.
  createEffect(
    on(
      () => cart()?.version,
      () => {
        const code = previewed();
        if (code && (cart()?.items.length ?? 0) > 0) void applyCoupon(code);
      },
      { defer: true },
    ),
  );
  const change = (work: Promise<void>) => {
    setLineError(undefined);
    work.catch(setLineError);
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
      // Someone else took the stock meanwhile: the cart read again says which lines are above it.
      if (failure instanceof ApiError && failure.code === "insufficient_stock") load();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <h1>Your cart</h1>
      <MergeNotes />
      <FormError error={lineError()} />
      <Show
        when={ready()}
        fallback={
          <p class="muted" role="status">
            Loading your cart…
          </p>
        }
      >
        <Show when={user()} fallback={<GuestCart onError={setLineError} />}>
          <Show
            when={cart()}
            fallback={
              <Show
                when={loadError()}
                fallback={
                  <p class="muted" role="status">
                    Loading your cart…
                  </p>
                }
              >
                <LoadFailure what="Your cart" error={loadError()} retry={load} />
              </Show>
            }
          >
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
                  <Index each={current().items}>
                    {(item) => {
                      const title = () => variantLabel(item().variantTitle);
                      const called = () => (title() ? `${item().name}, ${title()}` : item().name);
                      return (
                        <li class="cart-line" data-testid="cart-line">
                          <LineName name={item().name} variantTitle={title()} sku={item().sku} />
                          <span class="line-actions">
                            <span class="stepper">
                              <button
                                type="button"
                                aria-label={`One less ${called()}`}
                                // Above what is left, one less goes down to what is left (0 removes it).
                                onClick={() =>
                                  change(setQuantity(item(), Math.min(item().quantity - 1, item().available)))
                                }
                              >
                                −
                              </button>
                              <span data-testid="line-quantity">{item().quantity}</span>
                              <button
                                type="button"
                                aria-label={`One more ${called()}`}
                                disabled={item().quantity >= item().available}
                                onClick={() => change(setQuantity(item(), item().quantity + 1))}
                              >
                                +
                              </button>
                            </span>
                            <button type="button" class="link" onClick={() => change(removeLine(item()))}>
                              Remove<span class="visually-hidden"> {called()}</span>
                            </button>
                          </span>
                          <span>{formatMoney(item().lineTotal, current().currency)}</span>
                          <Show when={item().quantity > item().available}>
                            <p class="line-stock" data-testid="line-stock">
                              {item().available > 0
                                ? `Only ${item().available} left: lower the quantity (−) to check out.`
                                : "No longer available: remove it to check out."}
                            </p>
                          </Show>
                        </li>
                      );
                    }}
                  </Index>
                </ul>
                <div class="actions">
                  <ClearCart onError={setLineError} />
                </div>
                <dl class="totals">
                  <dt>Subtotal</dt>
                  <dd data-testid="cart-subtotal">{formatMoney(current().subtotal, current().currency)}</dd>
                  <dt>Shipping</dt>
                  <dd>{formatMoney(current().shipping, current().currency)}</dd>
                  <Show when={preview() && previewed() === coupon() ? preview() : null}>
                    {(p) => (
                      <>
                        <dt>Discount ({previewed()})</dt>
                        <dd data-testid="cart-discount">−{formatMoney(p().discount, p().currency)}</dd>
                        <dt>Tax</dt>
                        <dd>{formatMoney(p().tax, p().currency)}</dd>
                        <dt>Total</dt>
                        <dd>
                          <strong data-testid="cart-total">{formatMoney(p().total, p().currency)}</strong>
                        </dd>
                      </>
                    )}
                  </Show>
                </dl>

                <form class="form checkout" onSubmit={submit}>
                  <h2>Checkout</h2>
                  <CouponPicker chosen={previewed()} onUse={useCoupon} />
                  <div class="coupon-row">
                    <Field label="Coupon code" name="coupon" required={false} value={coupon()} onInput={setCoupon} />
                    <Show
                      when={previewed() && previewed() === coupon()}
                      fallback={
                        <button
                          type="button"
                          class="button secondary"
                          onClick={() => void applyCoupon()}
                          disabled={!coupon()}
                        >
                          Apply
                        </button>
                      }
                    >
                      <button type="button" class="button secondary" onClick={removeCoupon}>
                        Remove coupon
                      </button>
                    </Show>
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
      </Show>
    </section>
  );
}
