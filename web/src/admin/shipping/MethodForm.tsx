import { Show } from "solid-js";
import { createStore } from "solid-js/store";
import { createForm } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { showToast } from "../../lib/toast.ts";
import { FormStatus } from "../components/Feedback.tsx";
import { CheckboxField, InputField, MoneyField, SelectField } from "../components/Fields.tsx";
import { createChecks } from "../lib/checks.ts";
import { toAmount } from "../lib/money.ts";
import { kindChoices, type MethodKind, type ShippingMethod, shippingKeys, type Zone } from "./shipping.ts";

/** A method of a zone: how it prices, when it is free, how long it takes. To add one or change one. */
export function MethodForm(props: { zone: Zone; method: ShippingMethod | null; currency: string; onDone: () => void }) {
  const m = props.method;
  const [draft, setDraft] = createStore({
    name: m?.name ?? "",
    kind: (m?.kind ?? "flat") as MethodKind,
    price: toAmount(m?.price ?? 0, props.currency),
    freeAbove: toAmount(m?.freeAbove, props.currency),
    minDays: m?.minDays?.toString() ?? "",
    maxDays: m?.maxDays?.toString() ?? "",
    active: m?.active ?? true,
    position: String(m?.position ?? props.zone.methods.length),
  });
  const form = createForm({ refresh: shippingKeys });
  const err = (path: string) => form.errors()[path];
  const priced = () => draft.kind === "flat" || draft.kind === "pickup";

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const check = createChecks(props.currency);
      const json = {
        name: check.text("name", draft.name, "A name"),
        kind: draft.kind,
        price: priced() ? check.money("price", draft.price) : 0,
        freeAbove: check.optionalMoney("freeAbove", draft.freeAbove),
        minDays: check.optionalCount("minDays", draft.minDays),
        maxDays: check.optionalCount("maxDays", draft.maxDays),
        active: draft.active,
        position: check.count("position", draft.position),
      };
      if (json.minDays !== null && json.maxDays !== null && json.maxDays < json.minDays)
        check.fail("maxDays", "At least the fewest days.");
      check.done();
      const methods = api.admin.shipping.zones[":id"].methods;
      const saved = m
        ? await read(methods[":methodId"].$patch({ param: { id: props.zone.id, methodId: m.id }, json }))
        : await read(methods.$post({ param: { id: props.zone.id }, json }));
      showToast(m ? `${saved.name} is saved.` : `${saved.name} was added to ${props.zone.name}.`);
      props.onDone();
    });
  };

  return (
    <form
      class="a-form"
      onSubmit={submit}
      aria-label={m ? `Edit ${m.name}` : `New method for ${props.zone.name}`}
      novalidate
    >
      <InputField label="Method name" value={draft.name} onInput={(v) => setDraft("name", v)} error={err("name")} />
      <SelectField
        label="Priced"
        value={draft.kind}
        onChange={(v) => setDraft("kind", v as MethodKind)}
        choices={kindChoices}
        error={err("kind")}
      />
      <Show when={priced()}>
        <MoneyField
          label="Price"
          currency={props.currency}
          value={draft.price}
          onInput={(v) => setDraft("price", v)}
          error={err("price")}
        />
      </Show>
      <MoneyField
        label="Free from a subtotal of"
        currency={props.currency}
        value={draft.freeAbove}
        onInput={(v) => setDraft("freeAbove", v)}
        error={err("freeAbove")}
        optional
      />
      <InputField
        label="Fewest days"
        type="number"
        min="0"
        inputmode="numeric"
        value={draft.minDays}
        onInput={(v) => setDraft("minDays", v)}
        error={err("minDays")}
        optional
      />
      <InputField
        label="Most days"
        type="number"
        min="0"
        inputmode="numeric"
        value={draft.maxDays}
        onInput={(v) => setDraft("maxDays", v)}
        error={err("maxDays")}
        optional
      />
      <InputField
        label="Position"
        type="number"
        min="0"
        inputmode="numeric"
        value={draft.position}
        onInput={(v) => setDraft("position", v)}
        error={err("position")}
      />
      <div class="a-span">
        <CheckboxField label="Offered to shoppers" checked={draft.active} onChange={(v) => setDraft("active", v)} />
      </div>
      <div class="a-span a-actions">
        <button type="submit" class="button" disabled={form.busy()}>
          {m ? "Save method" : "Add method"}
        </button>
        <button type="button" class="button secondary" onClick={() => props.onDone()}>
          Close
        </button>
      </div>
      <div class="a-span">
        <FormStatus form={form} />
      </div>
    </form>
  );
}
