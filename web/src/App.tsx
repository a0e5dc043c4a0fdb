import { A, Route, Router, useLocation } from "@solidjs/router";
import { type Component, createEffect, lazy, on, onCleanup, type ParentProps, Show, Suspense } from "solid-js";
import { AdminRoutes } from "./admin/routes.tsx";
import { PageBoundary } from "./components/PageBoundary.tsx";
import { SignedIn } from "./components/SignedIn.tsx";
import { Toasts } from "./components/Toasts.tsx";
import { user } from "./lib/session.ts";
import { mergeGuestCart, preloadCart } from "./shop/cart/cart.ts";
import { preloadProduct } from "./shop/catalog/catalog.ts";
import { ProductListPage } from "./shop/catalog/ProductListPage.tsx";
import { preloadCatalog } from "./shop/catalog/product-search.ts";
import { preloadMyCoupons } from "./shop/coupons/coupons.ts";
import { Header } from "./shop/Header.tsx";
import { preloadMyOrder, preloadMyOrders } from "./shop/orders/orders.ts";
import { preloadWishlist } from "./shop/wishlist/wishlist.ts";

const ProductPage = lazy(() => import("./shop/product/ProductPage.tsx"));
const SignInPage = lazy(() => import("./shop/account/SignInPage.tsx"));
const SignUpPage = lazy(() => import("./shop/account/SignUpPage.tsx"));
const ForgotPasswordPage = lazy(() => import("./shop/account/ForgotPasswordPage.tsx"));
const AccountPage = lazy(() => import("./shop/account/AccountPage.tsx"));
const AddressBookPage = lazy(() => import("./shop/addresses/AddressBookPage.tsx"));
const CartPage = lazy(() => import("./shop/cart/CartPage.tsx"));
const OrdersPage = lazy(() => import("./shop/orders/OrdersPage.tsx"));
const OrderRoute = lazy(() => import("./shop/orders/OrderRoute.tsx"));
const FindOrderPage = lazy(() => import("./shop/orders/FindOrderPage.tsx"));
const WishlistPage = lazy(() => import("./shop/wishlist/WishlistPage.tsx"));
const CouponsPage = lazy(() => import("./shop/coupons/CouponsPage.tsx"));
const NotFoundPage = lazy(() => import("./shop/NotFoundPage.tsx"));

/** A page that needs a signed-in user (of staff role, for `staff`). */
const signedIn =
  (Page: Component, staff = false) =>
  () => (
    <SignedIn staff={staff}>
      <Page />
    </SignedIn>
  );

const adminApp = /^\/admin(\/|$)/;

function Layout(props: ParentProps) {
  const location = useLocation();
  // Signing in brings the guest cart into the account. While signed in, the shopper's room keeps
  // cart, coupons and orders live on every device (the reads of an account are keyed by it, so
  // nothing read for one account is shown to the next).
  createEffect(
    on(
      () => user()?.id,
      (id) => {
        if (!id) return;
        void mergeGuestCart().catch(() => undefined);
        let disconnect: (() => void) | undefined;
        let ended = false;
        void import("./lib/live.ts").then((live) => {
          if (!ended) disconnect = live.connectShopper(id);
        });
        onCleanup(() => {
          ended = true;
          disconnect?.();
        });
      },
    ),
  );
  // A fresh boundary per address: a failed page never sticks to the next one. The admin app keeps
  // its shell (and its live socket) across its pages and renews each page inside it.
  const inAdmin = () => adminApp.test(location.pathname);
  const Pages = () => (
    <Show when={inAdmin() ? "/admin" : location.pathname} keyed>
      <PageBoundary>
        <Suspense fallback={<p class="muted">Loading…</p>}>{props.children}</Suspense>
      </PageBoundary>
    </Show>
  );
  return (
    <>
      {/* The admin app has a frame of its own (admin/AdminShell.tsx), with its way back to the shop. */}
      <Show when={!inAdmin()} fallback={<Pages />}>
        <Header />
        <main class="container">
          <Pages />
        </main>
        <footer class="container footer muted">
          Royal Shop — shipping and tax for your address are shown before you order.{" "}
          <A href="/orders/find">Find an order</A>
        </footer>
      </Show>
      <Toasts />
    </>
  );
}

export function App() {
  return (
    <Router root={Layout}>
      <Route path="/" component={ProductListPage} preload={preloadCatalog} />
      <Route path="/products/:slug" component={ProductPage} preload={preloadProduct} />
      <Route path="/signin" component={SignInPage} />
      <Route path="/signup" component={SignUpPage} />
      <Route path="/forgot" component={ForgotPasswordPage} />
      <Route path="/account" component={signedIn(AccountPage)} />
      <Route path="/account/addresses" component={signedIn(AddressBookPage)} />
      <Route path="/cart" component={CartPage} preload={preloadCart} />
      <Route path="/orders" component={signedIn(OrdersPage)} preload={preloadMyOrders} />
      <Route path="/orders/find" component={FindOrderPage} />
      <Route path="/orders/:id" component={OrderRoute} preload={preloadMyOrder} />
      <AdminRoutes />
      <Route path="/wishlist" component={signedIn(WishlistPage)} preload={preloadWishlist} />
      <Route path="/coupons" component={signedIn(CouponsPage)} preload={preloadMyCoupons} />
      <Route path="*404" component={NotFoundPage} />
    </Router>
  );
}
