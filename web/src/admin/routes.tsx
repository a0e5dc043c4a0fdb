import { Route } from "@solidjs/router";
import { lazy, type ParentProps } from "solid-js";
import { SignedIn } from "../components/SignedIn.tsx";

// Everything of the admin app loads in chunks of its own, which a shopper never fetches.
const AdminShell = lazy(() => import("./AdminShell.tsx"));
const DashboardPage = lazy(() => import("./dashboard/DashboardPage.tsx"));
const OrdersPage = lazy(() => import("./orders/OrdersPage.tsx"));
const OrderPage = lazy(() => import("./orders/OrderPage.tsx"));
const ProductsPage = lazy(() => import("./products/ProductsPage.tsx"));
const ProductEditorPage = lazy(() => import("./products/ProductEditorPage.tsx"));
const CategoriesPage = lazy(() => import("./taxonomy/CategoriesPage.tsx"));
const BrandsPage = lazy(() => import("./taxonomy/BrandsPage.tsx"));
const CouponsPage = lazy(() => import("./coupons/CouponsPage.tsx"));
const CustomersPage = lazy(() => import("./customers/CustomersPage.tsx"));
const ReviewsPage = lazy(() => import("./reviews/ReviewsPage.tsx"));
const ReportsPage = lazy(() => import("./reports/ReportsPage.tsx"));
const AuditLogPage = lazy(() => import("./audit/AuditLogPage.tsx"));
const AdminNotFoundPage = lazy(() => import("./AdminNotFoundPage.tsx"));

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
      <Route path="/" component={DashboardPage} />
      <Route path="/orders" component={OrdersPage} />
      <Route path="/orders/:id" component={OrderPage} />
      <Route path="/products" component={ProductsPage} />
      <Route path="/products/new" component={ProductEditorPage} />
      <Route path="/products/:id" component={ProductEditorPage} />
      <Route path="/categories" component={CategoriesPage} />
      <Route path="/brands" component={BrandsPage} />
      <Route path="/coupons" component={CouponsPage} />
      <Route path="/customers" component={CustomersPage} />
      <Route path="/reviews" component={ReviewsPage} />
      <Route path="/reports" component={ReportsPage} />
      <Route path="/audit" component={AuditLogPage} />
      <Route path="*" component={AdminNotFoundPage} />
    </Route>
  );
}
