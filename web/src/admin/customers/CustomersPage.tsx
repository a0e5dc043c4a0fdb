import { A, useSearchParams } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { read, setOnly } from "../../lib/http.ts";
import { formatMoney } from "../../lib/money.ts";
import { api, user as me } from "../../lib/session.ts";
import { ConfirmButton, FormStatus } from "../components/Feedback.tsx";
import { CheckboxField, InputField, SelectField } from "../components/Fields.tsx";
import { ForById } from "../components/ForById.tsx";
import { Failure, ListState, Loading } from "../components/State.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";
import { createLoader, createPaged } from "../lib/data.ts";
import { isConflict } from "../lib/errors.ts";
import { createChecks, createForm } from "../lib/form.ts";
import { formatDate, formatDateTime, shortId } from "../lib/orders.ts";
import { isAdmin, pageTitle } from "../lib/role.ts";
import type { AdminUser, Customer, Role } from "../lib/types.ts";

const roles: { value: Role; label: string }[] = [
  { value: "customer", label: "Customer" },
  { value: "staff", label: "Staff" },
  { value: "admin", label: "Admin" },
];
const roleLabel = (role: Role) => roles.find((r) => r.value === role)?.label ?? role;
const selfLockout = "You cannot deactivate or demote your own account: ask another admin to do it.";

/** A customer's latest orders, and the way to all of them. */
function RecentOrders(props: { userId: string; username: string }) {
  const orders = createLoader(() => read(api.admin.orders.$get({ query: { userId: props.userId, limit: "5" } })));
  return (
    <div class="a-panel">
      <Show
        when={!orders.error()}
        fallback={<Failure error={orders.error()} what="the orders" retry={orders.reload} />}
      >
        <Show when={orders.value()} fallback={<Loading what="orders" />}>
          {(page) => (
            <Show when={page().items.length > 0} fallback={<p class="muted">No orders yet.</p>}>
              <ul class="a-feed" data-testid="customer-orders">
                <For each={page().items}>
                  {(order) => (
                    <li>
                      <A href={`/admin/orders/${order.id}`}>Order {shortId(order.id)}</A>
                      <StatusBadge status={order.status} />
                      <span>{formatMoney(order.total, order.currency)}</span>
                      <small class="muted">{formatDateTime(order.createdAt)}</small>
                    </li>
                  )}
                </For>
              </ul>
              <Show when={page().nextCursor}>
                <p>
                  <A href={`/admin/orders?userId=${props.userId}`}>All orders of {props.username}</A>
                </p>
              </Show>
            </Show>
          )}
        </Show>
      </Show>
    </div>
  );
}

function UserCard(props: { account: AdminUser; onSaved: (account: AdminUser) => void }) {
  const [role, setRole] = createSignal<Role>(props.account.role);
  const [showOrders, setShowOrders] = createSignal(false);
  const form = createForm();
  const a = () => props.account;
  const isMe = () => me()?.id === a().id;
  const patch = (json: { role?: Role; active?: boolean }, done: string) =>
    form.run(async () => {
      try {
        const saved = await read(api.admin.users[":id"].$patch({ param: { id: a().id }, json }));
        props.onSaved(saved);
        setRole(saved.role);
        return done;
      } catch (failure) {
        setRole(a().role);
        throw failure;
      }
    });
  return (
    <li class="a-card" data-testid="user" classList={{ "a-inactive": !a().active }}>
      <div class="a-card-head">
        <h2 class="a-break">{a().username}</h2>
        <Show when={isMe()}>
          <span class="badge">you</span>
        </Show>
        <span class="a-kind">{roleLabel(a().role)}</span>
        <span class={a().active ? "badge" : "badge out"}>{a().active ? "Active" : "Deactivated"}</span>
      </div>
      <dl class="a-terms">
        <div>
          <dt>Shown on reviews as</dt>
          <dd>{a().displayName ?? "(neutral name)"}</dd>
        </div>
        <div>
          <dt>Verified</dt>
          <dd>{a().isEmailVerified || a().isPhoneVerified ? "Yes" : "Not yet"}</dd>
        </div>
        <div>
          <dt>Joined</dt>
          <dd>{formatDate(a().createdAt)}</dd>
        </div>
      </dl>
      <div class="a-inline-form">
        <SelectField label="Role" value={role()} onChange={(v) => setRole(v as Role)} choices={roles} />
        <button
          type="button"
          class="button secondary"
          disabled={form.busy() || role() === a().role}
          onClick={() => void patch({ role: role() }, `${a().username} is now ${roleLabel(role()).toLowerCase()}.`)}
        >
          Change role<span class="visually-hidden"> of {a().username}</span>
        </button>
        <Show
          when={a().active}
          fallback={
            <button
              type="button"
              class="button secondary"
              disabled={form.busy()}
              onClick={() => void patch({ active: true }, `${a().username} can sign in again.`)}
            >
              Reactivate<span class="visually-hidden"> {a().username}</span>
            </button>
          }
        >
          <ConfirmButton
            label="Deactivate"
            question={`Deactivate ${a().username}? Their sessions end at once.`}
            confirmLabel="Deactivate"
            danger
            disabled={form.busy()}
            onConfirm={() => patch({ active: false }, `${a().username} is deactivated and signed out everywhere.`)}
          />
        </Show>
        <button
          type="button"
          class="button secondary"
          aria-expanded={showOrders()}
          onClick={() => setShowOrders(!showOrders())}
        >
          {showOrders() ? "Hide orders" : "Orders"}
          <span class="visually-hidden"> of {a().username}</span>
        </button>
      </div>
      <Show when={form.error() && isConflict(form.error())} fallback={<FormStatus form={form} />}>
        <p class="form-error" role="alert">
          {selfLockout}
        </p>
      </Show>
      <Show when={showOrders()}>
        <RecentOrders userId={a().id} username={a().username} />
      </Show>
    </li>
  );
}

function NewAccount(props: { onCreated: (account: AdminUser) => void }) {
  const [username, setUsername] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [role, setRole] = createSignal<Role>("staff");
  const [verified, setVerified] = createSignal(true);
  const form = createForm();
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const check = createChecks();
      const json = {
        username: check.text("username", username(), "An email or phone"),
        password: password(),
        role: role(),
        verified: verified(),
      };
      if (password().length < 8) check.fail("password", "At least 8 characters.");
      check.done();
      const created = await read(api.admin.users.$post({ json }));
      props.onCreated(created);
      setUsername("");
      setPassword("");
      return `${created.username} can now sign in as ${roleLabel(created.role).toLowerCase()}.`;
    });
  };
  return (
    <form class="a-form" onSubmit={submit} aria-label="New account" novalidate>
      <InputField
        label="Email or phone"
        value={username()}
        onInput={setUsername}
        error={form.errors().username}
        autocomplete="off"
      />
      <InputField
        label="Password"
        type="password"
        value={password()}
        onInput={setPassword}
        error={form.errors().password}
        autocomplete="new-password"
        hint="8 to 128 characters; tell them to change it."
      />
      <SelectField
        label="Role"
        value={role()}
        onChange={(v) => setRole(v as Role)}
        choices={roles}
        error={form.errors().role}
      />
      <CheckboxField label="Already verified" checked={verified()} onChange={setVerified} />
      <div class="a-span a-actions">
        <button type="submit" class="button" disabled={form.busy()}>
          Create account
        </button>
      </div>
      <div class="a-span">
        <FormStatus form={form} />
      </div>
    </form>
  );
}

function Accounts() {
  const [params, setParams] = useSearchParams<{ q?: string; role?: string }>();
  const [q, setQ] = createSignal(params.q ?? "");
  const [role, setRole] = createSignal(params.role ?? "");
  const [adding, setAdding] = createSignal(false);
  const filters = () => ({
    q: params.q?.trim() || undefined,
    role: roles.some((r) => r.value === params.role) ? (params.role as Role) : undefined,
  });
  const list = createPaged<AdminUser>(
    (cursor) => read(api.admin.users.$get({ query: setOnly({ ...filters(), limit: "20", cursor }) })),
    () => JSON.stringify(filters()),
  );
  const replace = (saved: AdminUser) => list.update((items) => items.map((u) => (u.id === saved.id ? saved : u)));
  return (
    <>
      <div class="a-title">
        <h1>Customers</h1>
        <span class="a-spacer" />
        <button type="button" class="button" aria-expanded={adding()} onClick={() => setAdding(!adding())}>
          {adding() ? "Close" : "Add an account"}
        </button>
      </div>
      <Show when={adding()}>
        <section class="a-panel" aria-labelledby="new-account">
          <h2 id="new-account">New account</h2>
          <NewAccount onCreated={(created) => list.update((items) => [created, ...items])} />
        </section>
      </Show>
      <form
        class="a-filters"
        aria-label="Find accounts"
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ q: q().trim() || undefined, role: role() || undefined });
        }}
      >
        <InputField label="Email, phone or name" type="search" value={q()} onInput={setQ} optional />
        <SelectField
          label="Role"
          value={role()}
          onChange={setRole}
          choices={[{ value: "", label: "Any role" }, ...roles]}
        />
        <div class="a-filter-buttons">
          <button type="submit" class="button">
            Search
          </button>
        </div>
      </form>
      <ListState list={list} what="accounts" empty={<p>No account matches.</p>}>
        {(items) => (
          <ul class="a-cards" data-testid="users">
            <ForById each={items()}>{(account) => <UserCard account={account()} onSaved={replace} />}</ForById>
          </ul>
        )}
      </ListState>
    </>
  );
}

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
function CustomerSearch() {
  const [params, setParams] = useSearchParams<{ q?: string }>();
  const [q, setQ] = createSignal(params.q ?? "");
  const list = createPaged<Customer>(
    (cursor) =>
      read(api.admin.customers.$get({ query: setOnly({ q: params.q?.trim() || undefined, limit: "20", cursor }) })),
    () => params.q,
  );
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
