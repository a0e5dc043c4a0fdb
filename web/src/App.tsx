import { Route, Router } from "@solidjs/router";
import { createEffect, lazy, on, onCleanup, type ParentProps, Suspense } from "solid-js";
import { Header } from "./components/Header.tsx";
import { forgetCart, mergeGuestCart } from "./lib/cart.ts";
import { user } from "./lib/session.ts";
import { ProductListPage } from "./pages/ProductListPage.tsx";

const ProductPage = lazy(() => import("./pages/ProductPage.tsx"));
const SignInPage = lazy(() => import("./pages/SignInPage.tsx"));
const SignUpPage = lazy(() => import("./pages/SignUpPage.tsx"));
const ForgotPasswordPage = lazy(() => import("./pages/ForgotPasswordPage.tsx"));
const AccountPage = lazy(() => import("./pages/AccountPage.tsx"));
const CartPage = lazy(() => import("./pages/CartPage.tsx"));
const OrdersPage = lazy(() => import("./pages/OrdersPage.tsx"));
const OrderPage = lazy(() => import("./pages/OrderPage.tsx"));
const DashboardPage = lazy(() => import("./pages/DashboardPage.tsx"));
const WishlistPage = lazy(() => import("./pages/WishlistPage.tsx"));
const AdminProductsPage = lazy(() => import("./pages/AdminProductsPage.tsx"));
const NotFoundPage = lazy(() => import("./pages/NotFoundPage.tsx"));

function Layout(props: ParentProps) {
  // Signing in brings the guest cart into the account; signing out forgets the account's cart.
  // While signed in, the shopper's room keeps cart, coupons and orders live on every device.
  createEffect(
    on(
      () => user()?.id,
      (id) => {
        if (!id) return forgetCart();
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
  return (
    <>
      <Header />
      <main class="container">
        <Suspense fallback={<p class="muted">Loading…</p>}>{props.children}</Suspense>
      </main>
      <footer class="container footer muted">Royal Shop — tax is added at checkout; shipping is shown per item.</footer>
    </>
  );
}

export function App() {
  return (
    <Router root={Layout}>
      <Route path="/" component={ProductListPage} />
      <Route path="/products/:slug" component={ProductPage} />
      <Route path="/signin" component={SignInPage} />
      <Route path="/signup" component={SignUpPage} />
      <Route path="/forgot" component={ForgotPasswordPage} />
      <Route path="/account" component={AccountPage} />
      <Route path="/cart" component={CartPage} />
      <Route path="/orders" component={OrdersPage} />
      <Route path="/orders/:id" component={OrderPage} />
      <Route path="/admin" component={DashboardPage} />
      <Route path="/admin/products" component={AdminProductsPage} />
      <Route path="/wishlist" component={WishlistPage} />
      <Route path="*404" component={NotFoundPage} />
    </Router>
  );
}
