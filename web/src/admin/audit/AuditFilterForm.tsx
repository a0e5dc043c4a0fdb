import { createAsync, useSearchParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, Suspense } from "solid-js";
import { InputField, SelectField } from "../components/Fields.tsx";
import { getActors } from "./audit.ts";

/** The entities the shop audits today (the filter also takes any other text). */
const knownEntities = [
  "product",
  "category",
  "brand",
  "coupon",
  "user_coupon",
  "promotion",
  "user",
  "image",
  "comments",
  "ratings",
];

/** "Who": anyone, or one of the staff and admins (only "Anyone" while they load, or if they could not be). */
function ActorField(props: { value: string; onChange: (value: string) => void }) {
  const actors = createAsync(() => getActors());
  const field = (choices: { value: string; label: string }[], hint?: string) => (
    <SelectField
      label="Who"
      value={props.value}
      onChange={props.onChange}
      choices={[{ value: "", label: "Anyone" }, ...choices]}
      hint={hint}
    />
  );
  return (
    <ErrorBoundary fallback={field([], "Staff could not be loaded.")}>
      <Suspense fallback={field([])}>
        {field((actors() ?? []).map((u) => ({ value: u.id, label: `${u.username} (${u.role})` })))}
      </Suspense>
    </ErrorBoundary>
  );
}

/** The log's filters, kept in the address: who, what, and a range of days. */
export function AuditFilterForm() {
  const [params, setParams] = useSearchParams<{ actor?: string; entity?: string; from?: string; to?: string }>();
  const [actor, setActor] = createSignal(params.actor ?? "");
  const [entity, setEntity] = createSignal(params.entity ?? "");
  const [from, setFrom] = createSignal(params.from ?? "");
  const [to, setTo] = createSignal(params.to ?? "");
  return (
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
      <ActorField value={actor()} onChange={setActor} />
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
  );
}
