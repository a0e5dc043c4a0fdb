import { createSignal, Show } from "solid-js";
import { createForm } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { showToast } from "../../lib/toast.ts";
import { ConfirmButton, FormStatus } from "../components/Feedback.tsx";
import { InputField } from "../components/Fields.tsx";
import { ForById } from "../components/ForById.tsx";
import { RateForm } from "./RateForm.tsx";
import { RateRow } from "./RateRow.tsx";
import { type TaxClass, taxKeys } from "./taxes.ts";

/** A tax class: what it taxes, its rates by region, and its rename, default and delete. */
export function TaxClassCard(props: { taxClass: TaxClass }) {
  const [renaming, setRenaming] = createSignal(false);
  const [name, setName] = createSignal(props.taxClass.name);
  const form = createForm({ refresh: taxKeys });
  const id = () => props.taxClass.id;
  const change = (json: { name?: string; isDefault?: true }, said: (name: string) => string) =>
    form.run(async () => {
      const saved = await read(api.admin.taxes.classes[":id"].$patch({ param: { id: id() }, json }));
      setRenaming(false);
      showToast(said(saved.name));
    });
  const rename = (event: SubmitEvent) => {
    event.preventDefault();
    void change({ name: name().trim() }, (saved) => `Renamed ${saved}.`);
  };
  const uses = () =>
    [
      props.taxClass.isDefault ? "the default class of new variants" : "",
      `${props.taxClass.variantCount} variant${props.taxClass.variantCount === 1 ? "" : "s"}`,
      props.taxClass.taxesShipping ? "shipping" : "",
    ]
      .filter(Boolean)
      .join(" · ");
  return (
    <li class="a-card" data-tax-class={props.taxClass.name}>
      <div class="a-card-head">
        <h2>{props.taxClass.name}</h2>
        <span class="muted">{uses()}</span>
        <span class="a-spacer" />
        <span class="a-row-actions">
          <button
            type="button"
            class="button secondary a-small"
            aria-expanded={renaming()}
            onClick={() => setRenaming(!renaming())}
          >
            {renaming() ? "Cancel" : "Rename"}
            <span class="visually-hidden"> {props.taxClass.name}</span>
          </button>
          <Show when={!props.taxClass.isDefault}>
            <button
              type="button"
              class="button secondary a-small"
              disabled={form.busy()}
              onClick={() => change({ isDefault: true }, (saved) => `${saved} is the default class of new variants.`)}
            >
              Make default<span class="visually-hidden"> {props.taxClass.name}</span>
            </button>
            <ConfirmButton
              label="Delete"
              question={`Delete ${props.taxClass.name} and its rates?`}
              confirmLabel={`Delete ${props.taxClass.name}`}
              danger
              disabled={form.busy()}
              onConfirm={() =>
                form.run(async () => {
                  await read(api.admin.taxes.classes[":id"].$delete({ param: { id: id() } }));
                  showToast(`${props.taxClass.name} is deleted.`);
                })
              }
            />
          </Show>
        </span>
      </div>
      <Show when={renaming()}>
        <form class="a-inline-form" onSubmit={rename} aria-label={`Rename ${props.taxClass.name}`}>
          <InputField label="Name" value={name()} onInput={setName} error={form.errors().name} />
          <button type="submit" class="button" disabled={form.busy()}>
            Save
          </button>
        </form>
      </Show>
      <FormStatus form={form} />
      <Show when={props.taxClass.rates.length > 0} fallback={<p class="muted">No rate: untaxed everywhere.</p>}>
        <ul class="a-rates">
          <ForById each={props.taxClass.rates}>{(rate) => <RateRow taxClass={props.taxClass} rate={rate()} />}</ForById>
        </ul>
      </Show>
      <RateForm taxClass={props.taxClass} rate={null} />
    </li>
  );
}
