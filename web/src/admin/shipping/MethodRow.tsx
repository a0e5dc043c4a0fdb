import { createSignal, Show } from "solid-js";
import { createForm } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { formatMoney } from "../../lib/money.ts";
import { api } from "../../lib/session.ts";
import { showToast } from "../../lib/toast.ts";
import { ConfirmButton, FormStatus } from "../components/Feedback.tsx";
import { BandsEditor } from "./BandsEditor.tsx";
import { MethodForm } from "./MethodForm.tsx";
import { banded, deliveryDays, kindLabel, type ShippingMethod, shippingKeys, type Zone } from "./shipping.ts";

/** One method of a zone: what it charges, its bands when it has them, and its edit and delete. */
export function MethodRow(props: { zone: Zone; method: ShippingMethod; currency: string }) {
  const [editing, setEditing] = createSignal(false);
  const removal = createForm({ refresh: shippingKeys });
  const money = (minor: number) => formatMoney(minor, props.currency);
  const summary = () =>
    [
      kindLabel(props.method.kind),
      props.method.kind === "flat" || props.method.kind === "pickup" ? money(props.method.price) : "",
      props.method.freeAbove === null ? "" : `free from ${money(props.method.freeAbove)}`,
      deliveryDays(props.method),
    ]
      .filter(Boolean)
      .join(" · ");
  return (
    <li class="a-method" classList={{ "a-inactive": !props.method.active }} data-method={props.method.name}>
      <div class="a-card-head">
        <h3>{props.method.name}</h3>
        <span class="muted">{summary()}</span>
        <Show when={!props.method.active}>
          <span class="a-role">Not offered</span>
        </Show>
        <span class="a-spacer" />
        <span class="a-row-actions">
          <button
            type="button"
            class="button secondary a-small"
            aria-expanded={editing()}
            onClick={() => setEditing(!editing())}
          >
            {editing() ? "Close" : "Edit"}
            <span class="visually-hidden"> {props.method.name}</span>
          </button>
          <ConfirmButton
            label="Delete"
            question={`Delete ${props.method.name}? Orders keep its name.`}
            confirmLabel={`Delete ${props.method.name}`}
            danger
            disabled={removal.busy()}
            onConfirm={() =>
              removal.run(async () => {
                const param = { id: props.zone.id, methodId: props.method.id };
                await read(api.admin.shipping.zones[":id"].methods[":methodId"].$delete({ param }));
                showToast(`${props.method.name} is deleted.`);
              })
            }
          />
        </span>
      </div>
      <FormStatus form={removal} />
      <Show when={editing()}>
        <MethodForm
          zone={props.zone}
          method={props.method}
          currency={props.currency}
          onDone={() => setEditing(false)}
        />
      </Show>
      <Show when={banded(props.method.kind)}>
        <BandsEditor zone={props.zone} method={props.method} currency={props.currency} />
      </Show>
    </li>
  );
}
