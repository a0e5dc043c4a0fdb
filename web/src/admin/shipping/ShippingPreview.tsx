import { createAsync } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { createForm } from "../../lib/form.ts";
import { FormStatus } from "../components/Feedback.tsx";
import { InputField, MoneyField, SelectField } from "../components/Fields.tsx";
import { Async } from "../components/State.tsx";
import { createChecks } from "../lib/checks.ts";
import { countryChoices } from "../lib/countries.ts";
import { PreviewResult } from "./PreviewResult.tsx";
import { getShippingPreview, type PreviewInput } from "./shipping.ts";

/** "An order of 1,200 g worth $80 to 69001, France costs…": each method's price there, as checkout charges it. */
export function ShippingPreview(props: { currency: string }) {
  const [draft, setDraft] = createSignal({ country: "FR", postalCode: "", weight: "", subtotal: "" });
  const [asked, setAsked] = createSignal<PreviewInput>();
  const preview = createAsync(() => {
    const input = asked();
    return input ? getShippingPreview(input) : Promise.resolve(undefined);
  });
  const form = createForm();
  const set = (field: keyof ReturnType<typeof draft>) => (value: string) => setDraft({ ...draft(), [field]: value });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const check = createChecks(props.currency);
      const input = {
        country: draft().country,
        postalCode: draft().postalCode.trim(),
        weightGrams: String(check.count("weightGrams", draft().weight)),
        subtotal: String(check.money("subtotal", draft().subtotal)),
      };
      check.done();
      setAsked(input);
    });
  };

  return (
    <section class="a-panel" aria-labelledby="shipping-preview">
      <h2 id="shipping-preview">What would an order pay?</h2>
      <form class="a-form" onSubmit={submit} aria-label="Shipping preview" novalidate>
        <SelectField label="Country" value={draft().country} onChange={set("country")} choices={countryChoices} />
        <InputField label="Postal code" value={draft().postalCode} onInput={set("postalCode")} optional />
        <InputField
          label="Weight (g)"
          inputmode="numeric"
          value={draft().weight}
          onInput={set("weight")}
          error={form.errors().weightGrams}
        />
        <MoneyField
          label="Subtotal"
          currency={props.currency}
          value={draft().subtotal}
          onInput={set("subtotal")}
          error={form.errors().subtotal}
        />
        <div class="a-span a-actions">
          <button type="submit" class="button" disabled={form.busy()}>
            Preview
          </button>
        </div>
      </form>
      <FormStatus form={form} />
      <Show when={asked()}>
        {(input) => (
          <Async value={preview} keys={getShippingPreview.key} what="the preview">
            {(result) => <PreviewResult input={input()} preview={result()} currency={props.currency} />}
          </Async>
        )}
      </Show>
    </section>
  );
}
