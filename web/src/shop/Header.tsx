import { A, createAsync } from "@solidjs/router";
import { Show } from "solid-js";
import { user } from "../lib/session.ts";
import { getCart, guestCount } from "./cart/cart.ts";

/** How many items the cart holds, signed in or not; nothing is said while it cannot be read. */
function CartLink() {
  // The page says what went wrong when the cart cannot be read; the header just leaves out the count.
  const cart = createAsync(async () => {
    const account = user()?.id;
    return account ? getCart(account).catch(() => undefined) : undefined;
  });
  const count = () => (user() ? (cart()?.itemCount ?? 0) : guestCount());
  return (
    <A href="/cart" data-testid="header-cart">
      Cart ({count()})
    </A>
  );
}

export function Header() {
  return (
    <header class="header">
      <div class="container header-row">
        <A href="/" class="brand">
          <span aria-hidden="true">♛</span> Royal Shop
        </A>
        <nav class="nav">
          <A href="/" end>
            Shop
          </A>
          <CartLink />
          <Show when={user()}>
            <A href="/wishlist">Wishlist</A>
            <A href="/orders">Orders</A>
            <A href="/coupons">Coupons</A>
          </Show>
          <Show when={user()} fallback={<A href="/signin">Sign in</A>}>
            {(me) => (
              <A href="/account" data-testid="header-account">
                {me().username}
              </A>
            )}
          </Show>
        </nav>
      </div>
    </header>
  );
}
