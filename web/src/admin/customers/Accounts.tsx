import { useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { createPagedList } from "../../lib/data.ts";
import { InputField, SelectField } from "../components/Fields.tsx";
import { ForById } from "../components/ForById.tsx";
import { ListState } from "../components/State.tsx";
import type { AdminUser } from "../lib/types.ts";
import { accountFilters, getAccountsPage, roles } from "./customers.ts";
import { NewAccount } from "./NewAccount.tsx";
import { UserCard } from "./UserCard.tsx";

/** Admins' view: every account, found by text and role, changed in place, and new ones added. */
export function Accounts() {
  const [params, setParams] = useSearchParams<{ q?: string; role?: string }>();
  const [q, setQ] = createSignal(params.q ?? "");
  const [role, setRole] = createSignal(params.role ?? "");
  const [adding, setAdding] = createSignal(false);
  const list = createPagedList(getAccountsPage, () => accountFilters(params));
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
