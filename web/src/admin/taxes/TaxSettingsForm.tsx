import { createSignal } from "solid-js";
import { createForm } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { FormStatus } from "../components/Feedback.tsx";
import { CheckboxField, SelectField } from "../components/Fields.tsx";
import { type TaxClass, type TaxSettings, taxKeys } from "./taxes.ts";

/** Whether the shop's prices include tax, and the class its shipping is taxed by. */
export function TaxSettingsForm(props: { settings: TaxSettings; classes: TaxClass[] }) {
  const [included, setIncluded] = createSignal(props.settings.pricesIncludeTax);
  const [shippingClass, setShippingClass] = createSignal(props.settings.shippingTaxClassId);
  const form = createForm({ refresh: taxKeys });
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const json = { pricesIncludeTax: included(), shippingTaxClassId: shippingClass() };
      await read(api.admin.taxes.settings.$patch({ json }));
      return "The tax setting is saved: the next quote prices by it.";
    });
  };
  return (
    <form class="a-form" onSubmit={submit} aria-label="Tax setting" novalidate>
      <div class="a-span">
        <CheckboxField
          label="Prices include tax"
          checked={included()}
          onChange={setIncluded}
          hint="Checked: tax is taken out of the prices entered; unchecked: it is added at checkout."
        />
      </div>
      <SelectField
        label="Shipping is taxed by"
        value={shippingClass()}
        onChange={setShippingClass}
        choices={props.classes.map((c) => ({ value: c.id, label: c.name }))}
        error={form.errors().shippingTaxClassId}
      />
      <div class="a-span a-actions">
        <button type="submit" class="button" disabled={form.busy()}>
          Save tax setting
        </button>
      </div>
      <div class="a-span">
        <FormStatus form={form} />
      </div>
    </form>
  );
}
