import { createStore } from "solid-js/store";
import { createForm } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { showToast } from "../../lib/toast.ts";
import { FormStatus } from "../components/Feedback.tsx";
import { InputField } from "../components/Fields.tsx";
import { createChecks } from "../lib/checks.ts";
import { codeList } from "../lib/countries.ts";
import { CountryPicker } from "./CountryPicker.tsx";
import { shippingKeys, type Zone } from "./shipping.ts";

/** A zone's name, countries, subdivisions, postal codes and place: to create one or change one. */
export function ZoneForm(props: { zone: Zone | null; onDone?: () => void }) {
  const [draft, setDraft] = createStore({
    name: props.zone?.name ?? "",
    countries: props.zone?.countries ?? [],
    subdivisions: props.zone?.subdivisions.join(", ") ?? "",
    postalPatterns: props.zone?.postalPatterns.join(", ") ?? "",
    position: String(props.zone?.position ?? 0),
  });
  const form = createForm({ refresh: shippingKeys });
  const err = (path: string) =>
    form.errors()[path] ?? Object.entries(form.errors()).find(([key]) => key.startsWith(`${path}.`))?.[1];

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const check = createChecks();
      const json = {
        name: check.text("name", draft.name, "A name"),
        countries: draft.countries,
        subdivisions: codeList(draft.subdivisions),
        postalPatterns: codeList(draft.postalPatterns),
        position: check.count("position", draft.position),
      };
      if (json.countries.length === 0) check.fail("countries", "Add at least one country.");
      check.done();
      const zones = api.admin.shipping.zones;
      const saved = props.zone
        ? await read(zones[":id"].$patch({ param: { id: props.zone.id }, json }))
        : await read(zones.$post({ json }));
      if (!props.zone) setDraft({ name: "", countries: [], subdivisions: "", postalPatterns: "", position: "0" });
      // Said as a toast here: the form may close with the save.
      showToast(props.zone ? `${saved.name} is saved.` : `${saved.name} was added.`);
      props.onDone?.();
    });
  };

  return (
    <form class="a-form" onSubmit={submit} aria-label={props.zone ? `Edit ${props.zone.name}` : "New zone"} novalidate>
      <InputField label="Name" value={draft.name} onInput={(v) => setDraft("name", v)} error={err("name")} />
      <InputField
        label="Position"
        type="number"
        min="0"
        inputmode="numeric"
        value={draft.position}
        onInput={(v) => setDraft("position", v)}
        error={err("position")}
        hint="Between zones as specific, the lower first."
      />
      <div class="a-span">
        <CountryPicker
          chosen={draft.countries}
          onChange={(codes) => setDraft("countries", codes)}
          error={err("countries")}
        />
      </div>
      <InputField
        label="Subdivisions"
        value={draft.subdivisions}
        onInput={(v) => setDraft("subdivisions", v)}
        error={err("subdivisions")}
        hint="Codes without the country, such as CA, NY; empty for the whole country."
        optional
      />
      <InputField
        label="Postal codes"
        value={draft.postalPatterns}
        onInput={(v) => setDraft("postalPatterns", v)}
        error={err("postalPatterns")}
        hint="69* for a prefix, 69001-69009 for a range, or whole codes."
        optional
      />
      <div class="a-span a-actions">
        <button type="submit" class="button" disabled={form.busy()}>
          {props.zone ? "Save zone" : "Add zone"}
        </button>
      </div>
      <div class="a-span">
        <FormStatus form={form} />
      </div>
    </form>
  );
}
