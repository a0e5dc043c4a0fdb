import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { user } from "../lib/session.ts";
import { cartCount } from "./cart/cart.ts";

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
          <A href="/cart" data-testid="header-cart">
            Cart ({cartCount()})
          </A>
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
