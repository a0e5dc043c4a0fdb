import { createSignal, Show } from "solid-js";
import { createForm } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { showToast } from "../../lib/toast.ts";
import { ConfirmButton, FormStatus } from "../components/Feedback.tsx";
import { ForById } from "../components/ForById.tsx";
import { countryName } from "../lib/countries.ts";
import { MethodForm } from "./MethodForm.tsx";
import { MethodRow } from "./MethodRow.tsx";
import { shippingKeys, type Zone } from "./shipping.ts";
import { ZoneForm } from "./ZoneForm.tsx";

/** A zone: where it covers, its methods, and the ways to change it, delete it or add a method. */
export function ZoneCard(props: { zone: Zone; currency: string }) {
  const [editing, setEditing] = createSignal(false);
  const [adding, setAdding] = createSignal(false);
  const removal = createForm({ refresh: shippingKeys });
  const where = () =>
    [
      props.zone.countries.map(countryName).join(", "),
      props.zone.subdivisions.length ? `subdivisions ${props.zone.subdivisions.join(", ")}` : "",
      props.zone.postalPatterns.length ? `postal codes ${props.zone.postalPatterns.join(", ")}` : "",
    ]
      .filter(Boolean)
      .join(" · ");
  return (
    <li class="a-card" data-zone={props.zone.name}>
      <div class="a-card-head">
        <h2>{props.zone.name}</h2>
        <span class="muted">{where()}</span>
        <span class="a-spacer" />
        <span class="a-row-actions">
          <button
            type="button"
            class="button secondary a-small"
            aria-expanded={editing()}
            onClick={() => setEditing(!editing())}
          >
            {editing() ? "Close" : "Edit zone"}
            <span class="visually-hidden"> {props.zone.name}</span>
          </button>
          <ConfirmButton
            label="Delete zone"
            question={`Delete ${props.zone.name} and its methods?`}
            confirmLabel={`Delete ${props.zone.name}`}
            danger
            disabled={removal.busy()}
            onConfirm={() =>
              removal.run(async () => {
                await read(api.admin.shipping.zones[":id"].$delete({ param: { id: props.zone.id } }));
                showToast(`${props.zone.name} is deleted.`);
              })
            }
          />
        </span>
      </div>
      <FormStatus form={removal} />
      <Show when={editing()}>
        <ZoneForm zone={props.zone} onDone={() => setEditing(false)} />
      </Show>
      <Show when={props.zone.methods.length > 0} fallback={<p class="muted">No method: the zone ships nothing yet.</p>}>
        <ul class="a-methods">
          <ForById each={props.zone.methods}>
            {(method) => <MethodRow zone={props.zone} method={method()} currency={props.currency} />}
          </ForById>
        </ul>
      </Show>
      <Show
        when={adding()}
        fallback={
          <button type="button" class="button secondary a-small" onClick={() => setAdding(true)}>
            Add method<span class="visually-hidden"> to {props.zone.name}</span>
          </button>
        }
      >
        <MethodForm zone={props.zone} method={null} currency={props.currency} onDone={() => setAdding(false)} />
      </Show>
    </li>
  );
}
