import { Route, type RoutePreloadFuncArgs } from "@solidjs/router";
import { type Component, lazy, type ParentProps } from "solid-js";
import { SignedIn } from "../components/SignedIn.tsx";

/** An admin page's module: the page, and the reads it makes (started with the navigation, or on a link's hover). */
interface PageModule {
  default: Component;
  preload: (args: RoutePreloadFuncArgs) => Promise<unknown>[];
}

/**
 * A route's page and preload from one module loaded on demand: the admin's code never rides in the
 * storefront's entry, and a page's code arrives with its data. A failed read is the page's to tell;
 * the preload leaves it be.
 */
function page(load: () => Promise<PageModule>) {
  return {
    component: lazy(load),
    preload: (args: RoutePreloadFuncArgs) => {
      void load().then(
        (module) => {
          for (const read of module.preload(args)) read.catch(() => undefined);
        },
        () => undefined,
      );
    },
  };
}

// Everything of the admin app loads in chunks of its own, which a shopper never fetches.
const AdminShell = lazy(() => import("./AdminShell.tsx"));
const AdminNotFoundPage = lazy(() => import("./AdminNotFoundPage.tsx"));
const productEditor = page(() => import("./products/ProductEditorPage.tsx"));
const promotionEditor = page(() => import("./promotions/PromotionEditorPage.tsx"));

/** Every admin page is for staff and admins, in one shell; admin-only parts check the role themselves. */
function AdminRoot(props: ParentProps) {
  return (
    <SignedIn staff>
      <AdminShell>{props.children}</AdminShell>
    </SignedIn>
  );
}

export function AdminRoutes() {
  return (
    <Route path="/admin" component={AdminRoot}>
      <Route path="/" {...page(() => import("./dashboard/DashboardPage.tsx"))} />
      <Route path="/orders" {...page(() => import("./orders/OrdersPage.tsx"))} />
      <Route path="/orders/:id" {...page(() => import("./orders/OrderPage.tsx"))} />
      <Route path="/products" {...page(() => import("./products/ProductsPage.tsx"))} />
      <Route path="/products/new" {...productEditor} />
      <Route path="/products/:id" {...productEditor} />
      <Route path="/categories" {...page(() => import("./taxonomy/CategoriesPage.tsx"))} />
      <Route path="/brands" {...page(() => import("./taxonomy/BrandsPage.tsx"))} />
      <Route path="/coupons" {...page(() => import("./coupons/CouponsPage.tsx"))} />
      <Route path="/promotions" {...page(() => import("./promotions/PromotionsPage.tsx"))} />
      <Route path="/promotions/report" {...page(() => import("./promotions/PromotionsReportPage.tsx"))} />
      <Route path="/promotions/new" {...promotionEditor} />
      <Route path="/promotions/:id" {...promotionEditor} />
      <Route path="/shipping" {...page(() => import("./shipping/ShippingPage.tsx"))} />
      <Route path="/taxes" {...page(() => import("./taxes/TaxesPage.tsx"))} />
      <Route path="/customers" {...page(() => import("./customers/CustomersPage.tsx"))} />
      <Route path="/reviews" {...page(() => import("./reviews/ReviewsPage.tsx"))} />
      <Route path="/reports" {...page(() => import("./reports/ReportsPage.tsx"))} />
      <Route path="/audit" {...page(() => import("./audit/AuditLogPage.tsx"))} />
      <Route path="*" component={AdminNotFoundPage} />
    </Route>
  );
}
