import { Show } from "solid-js";
import { isAdmin, pageTitle } from "../lib/role.ts";
import { Accounts } from "./Accounts.tsx";
import { CustomerSearch } from "./CustomerSearch.tsx";

/** The route's preload: the page's reads, started with the navigation. */
export { preloadCustomers as preload } from "./customers.ts";

/** Admins manage every account; staff find customers and look at their orders. */
export default function CustomersPage() {
  pageTitle("Customers");
  return (
    <section>
      <Show when={isAdmin()} fallback={<CustomerSearch />}>
        <Accounts />
      </Show>
    </section>
  );
}
