import { createSignal, Show } from "solid-js";
import { createForm } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { showToast } from "../../lib/toast.ts";
import { ConfirmButton, FormStatus } from "../components/Feedback.tsx";
import { countryName } from "../lib/countries.ts";
import { RateForm } from "./RateForm.tsx";
import { formatRate, type TaxClass, type TaxRate, taxKeys } from "./taxes.ts";

/** One rate of a class: its region and percentage, changed or deleted in place. */
export function RateRow(props: { taxClass: TaxClass; rate: TaxRate }) {
  const [editing, setEditing] = createSignal(false);
  const removal = createForm({ refresh: taxKeys });
  const region = () => [props.rate.subdivision, countryName(props.rate.country)].filter(Boolean).join(", ");
  return (
    <li class="a-rate">
      <span class="a-rate-region">{region()}</span>
      <strong>{formatRate(props.rate.rateBps)}</strong>
      <span class="a-row-actions">
        <button
          type="button"
          class="button secondary a-small"
          aria-expanded={editing()}
          onClick={() => setEditing(!editing())}
        >
          {editing() ? "Close" : "Change"}
          <span class="visually-hidden"> the rate in {region()}</span>
        </button>
        <ConfirmButton
          label="Delete"
          question={`Delete the rate in ${region()}?`}
          confirmLabel={`Delete the rate in ${region()}`}
          danger
          disabled={removal.busy()}
          onConfirm={() =>
            removal.run(async () => {
              const param = { id: props.taxClass.id, rateId: props.rate.id };
              await read(api.admin.taxes.classes[":id"].rates[":rateId"].$delete({ param }));
              showToast(`${props.taxClass.name} has no rate of its own in ${region()} any more.`);
            })
          }
        />
      </span>
      <FormStatus form={removal} />
      <Show when={editing()}>
        <RateForm taxClass={props.taxClass} rate={props.rate} onDone={() => setEditing(false)} />
      </Show>
    </li>
  );
}
