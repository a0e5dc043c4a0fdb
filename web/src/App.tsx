import { Route, Router } from "@solidjs/router";
import { lazy, type ParentProps, Suspense } from "solid-js";
import { Header } from "./components/Header.tsx";
import { ProductListPage } from "./pages/ProductListPage.tsx";

const ProductPage = lazy(() => import("./pages/ProductPage.tsx"));
const SignInPage = lazy(() => import("./pages/SignInPage.tsx"));
const SignUpPage = lazy(() => import("./pages/SignUpPage.tsx"));
const ForgotPasswordPage = lazy(() => import("./pages/ForgotPasswordPage.tsx"));
const AccountPage = lazy(() => import("./pages/AccountPage.tsx"));
const NotFoundPage = lazy(() => import("./pages/NotFoundPage.tsx"));

function Layout(props: ParentProps) {
  return (
    <>
      <Header />
      <main class="container">
        <Suspense fallback={<p class="muted">Loading…</p>}>{props.children}</Suspense>
      </main>
      <footer class="container footer muted">Royal Shop — prices include VAT where it applies.</footer>
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
      <Route path="*404" component={NotFoundPage} />
    </Router>
  );
}
