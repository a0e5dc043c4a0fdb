import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { formatDateTime } from "../lib/orders.ts";
import { changes, type AuditEntry as Entry, entityLink } from "./audit.ts";

const show = (value: unknown) =>
  value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value);

/** One change: what was done, when, by whom, to what, and each field's value before and after. */
export function AuditEntry(props: { entry: Entry }) {
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
              <Show when={entityLink(e())} fallback={<strong>{e().entityName ?? ""}</strong>}>
                {(href) => (
                  <A href={href()} data-testid="audit-entity">
                    {e().entityName ?? id()}
                  </A>
                )}
              </Show>{" "}
              <code class="muted a-break">{id()}</code>
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
