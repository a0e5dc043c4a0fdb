import { useSearchParams } from "@solidjs/router";
import { For, Show } from "solid-js";
import { createPagedList } from "../../lib/data.ts";
import { ListState } from "../components/State.tsx";
import { isAdmin, pageTitle } from "../lib/role.ts";
import { AuditEntry } from "./AuditEntry.tsx";
import { AuditFilterForm } from "./AuditFilterForm.tsx";
import { auditFilters, getAuditPage } from "./audit.ts";

/** The route's preload: the page's reads, started with the navigation. */
export { preloadAudit as preload } from "./audit.ts";

/** Every change made through the admin app, filtered as the address says. */
function AuditLog() {
  const [params] = useSearchParams();
  const filters = () => auditFilters(params);
  const filtered = () => Object.values(filters()).some((value) => value !== undefined);
  const list = createPagedList(getAuditPage, filters);
  return (
    <>
      <div class="a-title">
        <h1>Audit log</h1>
      </div>
      <p class="muted">Every change made through the admin app, newest first, with who made it and what it changed.</p>
      <AuditFilterForm />
      <ListState
        list={list}
        what="the audit log"
        empty={<p>{filtered() ? "Nothing matches these filters." : "Nothing has been changed yet."}</p>}
      >
        {(items) => (
          <ul class="a-cards" data-testid="audit-log">
            <For each={items()}>{(entry) => <AuditEntry entry={entry} />}</For>
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
