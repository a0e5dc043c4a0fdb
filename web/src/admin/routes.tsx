import { Route } from "@solidjs/router";
import { lazy, type ParentProps } from "solid-js";
import { SignedIn } from "../components/SignedIn.tsx";

const DashboardPage = lazy(() => import("./DashboardPage.tsx"));
const ProductsPage = lazy(() => import("./ProductsPage.tsx"));

/** Every admin page is for staff and admins; admin-only parts check the role themselves. */
const StaffOnly = (props: ParentProps) => <SignedIn staff>{props.children}</SignedIn>;

/** The admin app: its pages load in chunks of their own, which a shopper never fetches. */
export function AdminRoutes() {
  return (
    <Route path="/admin" component={StaffOnly}>
      <Route path="/" component={DashboardPage} />
      <Route path="/products" component={ProductsPage} />
    </Route>
  );
}
