import { A, createAsync } from "@solidjs/router";
import { createSignal } from "solid-js";
import { createForm } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { FormStatus } from "../components/Feedback.tsx";
import { CheckboxField, InputField } from "../components/Fields.tsx";
import { ForById } from "../components/ForById.tsx";
import { Async } from "../components/State.tsx";
import { createChecks } from "../lib/checks.ts";
import { pageTitle } from "../lib/role.ts";
import { TaxClassCard } from "./TaxClassCard.tsx";
import { TaxSettingsForm } from "./TaxSettingsForm.tsx";
import { getTaxClasses, getTaxSettings, taxKeys } from "./taxes.ts";

/** The route's preload: the page's reads, started with the navigation. */
export { preloadTaxes as preload } from "./taxes.ts";

/** Tax classes with their rates by region, and the shop's tax setting. */
export default function TaxesPage() {
  pageTitle("Taxes");
  const classes = createAsync(() => getTaxClasses());
  const settings = createAsync(() => getTaxSettings());
  const [name, setName] = createSignal("");
  const [isDefault, setIsDefault] = createSignal(false);
  const form = createForm({ refresh: taxKeys });
  const create = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const check = createChecks();
      const json = { name: check.text("name", name(), "A name"), isDefault: isDefault() };
      check.done();
      const created = await read(api.admin.taxes.classes.$post({ json }));
      setName("");
      setIsDefault(false);
      return `${created.name} was added: give it its rates below.`;
    });
  };
  return (
    <section>
      <div class="a-title">
        <h1>Taxes</h1>
      </div>
      <p class="muted">
        A variant is taxed by its class's rate for the address: its subdivision's, else its country's, else the rest of
        the world's. Variants get their class in the <A href="/admin/products">product editor</A>.
      </p>
      <Async value={classes} keys={taxKeys} what="the tax classes">
        {(list) => (
          <>
            <section class="a-panel" aria-labelledby="tax-setting">
              <h2 id="tax-setting">Tax setting</h2>
              <Async value={settings} keys={getTaxSettings.key} what="the tax setting">
                {(now) => <TaxSettingsForm settings={now()} classes={list()} />}
              </Async>
            </section>
            <section class="a-panel" aria-labelledby="new-tax-class">
              <h2 id="new-tax-class">New tax class</h2>
              <form class="a-inline-form" onSubmit={create} aria-label="New tax class" novalidate>
                <InputField label="Name" value={name()} onInput={setName} error={form.errors().name} maxLength={60} />
                <CheckboxField label="The default of new variants" checked={isDefault()} onChange={setIsDefault} />
                <button type="submit" class="button" disabled={form.busy()}>
                  Add tax class
                </button>
              </form>
              <FormStatus form={form} />
            </section>
            <ul class="a-cards" data-testid="tax-classes">
              <ForById each={list()}>{(taxClass) => <TaxClassCard taxClass={taxClass()} />}</ForById>
            </ul>
          </>
        )}
      </Async>
    </section>
  );
}
