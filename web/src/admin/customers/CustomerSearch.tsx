import { useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { createPagedList } from "../../lib/data.ts";
import { InputField } from "../components/Fields.tsx";
import { ForById } from "../components/ForById.tsx";
import { ListState } from "../components/State.tsx";
import { formatDate } from "../lib/orders.ts";
import type { Customer } from "../lib/types.ts";
import { customerFilters, getCustomersPage } from "./customers.ts";
import { RecentOrders } from "./RecentOrders.tsx";

/** A customer as staff see them: who, and their orders. */
function CustomerCard(props: { customer: Customer }) {
  const [showOrders, setShowOrders] = createSignal(false);
  const c = () => props.customer;
  return (
    <li class="a-card" data-testid="customer">
      <div class="a-card-head">
        <h2 class="a-break">{c().username}</h2>
        <Show when={c().displayName}>
          <span class="muted">shown as {c().displayName}</span>
        </Show>
        <small class="muted">joined {formatDate(c().createdAt)}</small>
      </div>
      <div class="a-actions">
        <button
          type="button"
          class="button secondary a-small"
          aria-expanded={showOrders()}
          onClick={() => setShowOrders(!showOrders())}
        >
          {showOrders() ? "Hide orders" : "Orders"}
          <span class="visually-hidden"> of {c().username}</span>
        </button>
      </div>
      <Show when={showOrders()}>
        <RecentOrders userId={c().id} username={c().username} />
      </Show>
    </li>
  );
}

/** Staff find customers (to look at their orders or grant them a coupon); accounts are the admins' part. */
export function CustomerSearch() {
  const [params, setParams] = useSearchParams<{ q?: string }>();
  const [q, setQ] = createSignal(params.q ?? "");
  const list = createPagedList(getCustomersPage, () => customerFilters(params));
  return (
    <>
      <h1>Customers</h1>
      <div class="a-state" role="note" data-testid="admin-only">
        <h2>Accounts are managed by admins</h2>
        <p>
          Only admins can change a role or deactivate an account: ask an admin when an account needs a change. You can
          find customers here and look at their orders.
        </p>
      </div>
      <form
        class="a-filters"
        aria-label="Find customers"
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ q: q().trim() || undefined });
        }}
      >
        <InputField label="Email, phone or name" type="search" value={q()} onInput={setQ} optional />
        <div class="a-filter-buttons">
          <button type="submit" class="button">
            Search
          </button>
        </div>
      </form>
      <ListState list={list} what="customers" empty={<p>No customer matches.</p>}>
        {(items) => (
          <ul class="a-cards" data-testid="customers">
            <ForById each={items()}>{(customer) => <CustomerCard customer={customer()} />}</ForById>
          </ul>
        )}
      </ListState>
    </>
  );
}
