import { createSignal } from "solid-js";
import { createForm } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { showToast } from "../../lib/toast.ts";
import { FormStatus } from "../components/Feedback.tsx";
import { InputField, SelectField } from "../components/Fields.tsx";
import { createChecks } from "../lib/checks.ts";
import { countryName, regionChoices } from "../lib/countries.ts";
import { bpsOf, formatRate, type TaxClass, type TaxRate, taxKeys } from "./taxes.ts";

/** A class's rate for a region (a country, one of its subdivisions, or everywhere else): to add or change. */
export function RateForm(props: { taxClass: TaxClass; rate: TaxRate | null; onDone?: () => void }) {
  const [country, setCountry] = createSignal(props.rate?.country ?? "*");
  const [subdivision, setSubdivision] = createSignal(props.rate?.subdivision ?? "");
  const [percent, setPercent] = createSignal(props.rate ? String(props.rate.rateBps / 100) : "");
  const form = createForm({ refresh: taxKeys });
  const err = (path: string) => form.errors()[path];

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const check = createChecks();
      const rateBps = bpsOf(percent());
      if (rateBps === null) check.fail("rateBps", "Enter a percentage from 0 to 100, such as 20 or 5.5.");
      const region = subdivision().trim().toUpperCase();
      if (country() === "*" && region) check.fail("subdivision", "Choose the country of this subdivision.");
      check.done();
      const json = { country: country(), subdivision: region, rateBps: rateBps ?? 0 };
      const rates = api.admin.taxes.classes[":id"].rates;
      const saved = props.rate
        ? await read(rates[":rateId"].$patch({ param: { id: props.taxClass.id, rateId: props.rate.id }, json }))
        : await read(rates.$post({ param: { id: props.taxClass.id }, json }));
      const where = [saved.subdivision, countryName(saved.country)].filter(Boolean).join(", ");
      showToast(`${props.taxClass.name}: ${formatRate(saved.rateBps)} in ${where}.`);
      if (!props.rate) setPercent("");
      props.onDone?.();
    });
  };

  return (
    <form
      class="a-inline-form"
      onSubmit={submit}
      aria-label={props.rate ? `Change the rate of ${props.taxClass.name}` : `New rate for ${props.taxClass.name}`}
      novalidate
    >
      <SelectField
        label="Region"
        value={country()}
        onChange={setCountry}
        choices={regionChoices}
        error={err("country")}
      />
      <InputField
        label="Subdivision"
        value={subdivision()}
        onInput={setSubdivision}
        error={err("subdivision")}
        hint="A code such as CA; empty for the whole country."
        optional
      />
      <InputField label="Rate (%)" inputmode="decimal" value={percent()} onInput={setPercent} error={err("rateBps")} />
      <button type="submit" class="button" disabled={form.busy()}>
        {props.rate ? "Save rate" : "Add rate"}
      </button>
      <FormStatus form={form} />
    </form>
  );
}
