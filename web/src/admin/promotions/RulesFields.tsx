import { For, Show } from "solid-js";
import type { SetStoreFunction } from "solid-js/store";
import { CheckboxField, InputField, MoneyField } from "../components/Fields.tsx";
import type { Draft } from "./promotion-draft.ts";
import { kindLabels } from "./promotion-labels.ts";
import type { Kind } from "./promotions.ts";

type TextKey = { [K in keyof Draft]: Draft[K] extends string ? K : never }[keyof Draft];

/** When it applies, which other promotions it goes with, its limits and who may have it. */
export function RulesFields(props: {
  draft: Draft;
  setDraft: SetStoreFunction<Draft>;
  errors: Record<string, string>;
  currency: string;
}) {
  const d = () => props.draft;
  const text = (key: TextKey, path: string = key) => ({
    value: d()[key],
    onInput: (value: string) => props.setDraft(key, value),
    error: props.errors[path],
  });
  const count = { type: "number", min: "1", inputmode: "numeric", optional: true } as const;
  const combine = (kind: Kind, on: boolean) =>
    props.setDraft("combinesWith", (kinds) =>
      on ? [...kinds.filter((k) => k !== kind), kind] : kinds.filter((k) => k !== kind),
    );
  return (
    <>
      <h3 class="a-span">When</h3>
      <InputField
        label="Starts"
        type="datetime-local"
        {...text("startsAt")}
        hint="Your time; empty: at once."
        optional
      />
      <InputField label="Ends" type="datetime-local" {...text("endsAt")} hint="Empty: never." optional />
      <InputField
        label="Priority"
        type="number"
        inputmode="numeric"
        {...text("priority")}
        hint="Of two promotions of a kind, the higher applies (then the better for the shopper)."
      />
      <fieldset class="a-countries">
        <legend>Goes with promotions on</legend>
        <For each={["item", "order", "shipping"] as Kind[]}>
          {(kind) => (
            <CheckboxField
              label={kindLabels[kind]}
              checked={d().combinesWith.includes(kind)}
              onChange={(on) => combine(kind, on)}
            />
          )}
        </For>
      </fieldset>
      <h3 class="a-span">Limits</h3>
      <InputField label="Uses in total" {...count} {...text("usageLimit")} hint="Empty for no limit." />
      <InputField label="Uses per customer" {...count} {...text("perCustomerLimit")} hint="Empty for no limit." />
      <MoneyField
        label="Budget"
        currency={props.currency}
        {...text("budget")}
        hint="The most it may take off in all."
        optional
      />
      <h3 class="a-span">Conditions</h3>
      <MoneyField
        label="Minimum subtotal"
        currency={props.currency}
        {...text("minSubtotal", "conditions.minSubtotal")}
        optional
      />
      <InputField label="Minimum items" {...count} {...text("minQuantity", "conditions.minQuantity")} />
      <div class="a-span">
        <CheckboxField
          label="Signed-in shoppers only"
          checked={d().signedIn}
          onChange={(v) => props.setDraft("signedIn", v)}
        />
        <CheckboxField
          label="First orders only"
          checked={d().firstOrder}
          onChange={(v) => props.setDraft("firstOrder", v)}
        />
        <Show when={d().accountIds.length > 0}>
          <p class="muted">Only for {d().accountIds.length} named accounts (kept as they are).</p>
        </Show>
      </div>
    </>
  );
}
