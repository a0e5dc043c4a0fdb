import { A, useSearchParams } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { type Answer, read, setOnly } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { InputField, SelectField } from "../components/Fields.tsx";
import { ListState } from "../components/State.tsx";
import { createLoader, createPaged } from "../lib/data.ts";
import { endOfDay, startOfDay } from "../lib/dates.ts";
import { formatDateTime } from "../lib/orders.ts";
import { isAdmin, pageTitle } from "../lib/role.ts";

type AuditEntry = Answer<typeof api.admin.audit.$get>["items"][number];
type Params = { actor?: string; entity?: string; from?: string; to?: string };

/** The entities the shop audits today (the filter also takes any other text). */
const knownEntities = ["product", "category", "brand", "coupon", "user_coupon", "user", "image", "comments", "ratings"];
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const show = (value: unknown) =>
  value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value);

/** What changed: every field whose value differs between before and after (all of them on create or delete). */
function changes(entry: AuditEntry): { field: string; before: unknown; after: unknown }[] {
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  if (typeof before !== "object" || typeof after !== "object")
    return [{ field: "value", before: entry.before, after: entry.after }];
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: before[field], after: after[field] }));
}

/** Where the audited thing is managed, when the admin app has a page for it. */
function entityLink(entry: AuditEntry): string | null {
  if (!entry.entityId) return null;
  if (entry.entity === "product" && uuid.test(entry.entityId)) return `/admin/products/${entry.entityId}`;
  if (entry.entity === "order" && uuid.test(entry.entityId)) return `/admin/orders/${entry.entityId}`;
  if (entry.entity === "category") return "/admin/categories";
  if (entry.entity === "brand") return "/admin/brands";
  if (entry.entity === "coupon" || entry.entity === "user_coupon") return "/admin/coupons";
  if (entry.entity === "comments" || entry.entity === "ratings") return "/admin/reviews?show=approved";
  return null;
}

function Entry(props: { entry: AuditEntry }) {
  const e = () => props.entry;
  const diff = () => changes(e());
  return (
    <li class="a-card" data-testid="audit-entry">
      <div class="a-card-head">
        <h2>
          <code>{e().action}</code>
        </h2>
        <span class="muted">
          {formatDateTime(e().at)} · by {e().actor?.username ?? "an account since deleted"}
        </span>
      </div>
      <p>
        {e().entity}
        <Show when={e().entityId}>
          {(id) => (
            <>
              {" "}
              <Show when={entityLink(e())} fallback={<code>{id()}</code>}>
                {(href) => (
                  <A href={href()}>
                    <code>{id()}</code>
                  </A>
                )}
              </Show>
            </>
          )}
        </Show>
      </p>
      <Show when={diff().length > 0} fallback={<p class="muted">No field changed.</p>}>
        <details>
          <summary>
            {diff().length} {diff().length === 1 ? "field" : "fields"} changed
            {e().before === null ? " (created)" : e().after === null ? " (deleted)" : ""}
          </summary>
          <table class="a-table a-compact">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              <For each={diff()}>
                {(change) => (
                  <tr>
                    <th scope="row">{change.field}</th>
                    <td class="a-break">{show(change.before)}</td>
                    <td class="a-break">{show(change.after)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </details>
      </Show>
    </li>
  );
}

function AuditLog() {
  const [params, setParams] = useSearchParams<Params>();
  const [actor, setActor] = createSignal(params.actor ?? "");
  const [entity, setEntity] = createSignal(params.entity ?? "");
  const [from, setFrom] = createSignal(params.from ?? "");
  const [to, setTo] = createSignal(params.to ?? "");
  // Who can act: staff and admins (customers act through the shop, not the admin API).
  const actors = createLoader(async () => {
    const [admins, staff] = await Promise.all([
      read(api.admin.users.$get({ query: { role: "admin", limit: "100" } })),
      read(api.admin.users.$get({ query: { role: "staff", limit: "100" } })),
    ]);
    return [...admins.items, ...staff.items].sort((a, b) => a.username.localeCompare(b.username));
  });
  const filters = () => ({
    actor: params.actor && uuid.test(params.actor) ? params.actor : undefined,
    entity: params.entity?.trim() || undefined,
    from: params.from ? startOfDay(params.from) : undefined,
    to: params.to ? endOfDay(params.to) : undefined,
  });
  const filtered = () => Object.values(filters()).some((value) => value !== undefined);
  const list = createPaged<AuditEntry>(
    (cursor) => read(api.admin.audit.$get({ query: setOnly({ ...filters(), limit: "30", cursor }) })),
    () => JSON.stringify(filters()),
  );
  return (
    <>
      <div class="a-title">
        <h1>Audit log</h1>
      </div>
      <p class="muted">Every change made through the admin app, newest first, with who made it and what it changed.</p>
      <form
        class="a-filters"
        aria-label="Filter the audit log"
        onSubmit={(event) => {
          event.preventDefault();
          setParams({
            actor: actor() || undefined,
            entity: entity().trim() || undefined,
            from: from() || undefined,
            to: to() || undefined,
          });
        }}
      >
        <SelectField
          label="Who"
          value={actor()}
          onChange={setActor}
          choices={[
            { value: "", label: "Anyone" },
            ...(actors.value() ?? []).map((u) => ({ value: u.id, label: `${u.username} (${u.role})` })),
          ]}
          hint={actors.error() ? "Staff could not be loaded." : undefined}
        />
        <InputField label="What (entity)" value={entity()} onInput={setEntity} list="audit-entities" optional />
        <datalist id="audit-entities">
          <For each={knownEntities}>{(name) => <option value={name} />}</For>
        </datalist>
        <InputField label="From" type="date" value={from()} onInput={setFrom} optional />
        <InputField label="Until" type="date" value={to()} onInput={setTo} optional hint="Includes that day" />
        <div class="a-filter-buttons">
          <button type="submit" class="button">
            Apply
          </button>
        </div>
      </form>
      <ListState
        list={list}
        what="the audit log"
        empty={<p>{filtered() ? "Nothing matches these filters." : "Nothing has been changed yet."}</p>}
      >
        {(items) => (
          <ul class="a-cards" data-testid="audit-log">
            <For each={items()}>{(entry) => <Entry entry={entry} />}</For>
          </ul>
        )}
      </ListState>
    </>
  );
}

export default function AuditLogPage() {
  pageTitle("Audit log");
  return (
    <section>
      <Show
        when={isAdmin()}
        fallback={
          <>
            <h1>Audit log</h1>
            <div class="a-state" role="note" data-testid="admin-only">
              <h2>For admins only</h2>
              <p>The audit log shows who changed what in the shop; only admins can read it.</p>
            </div>
          </>
        }
      >
        <AuditLog />
      </Show>
    </section>
  );
}
