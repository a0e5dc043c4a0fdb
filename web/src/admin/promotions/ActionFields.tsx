import { createAsync } from "@solidjs/router";
import { Show } from "solid-js";
import type { SetStoreFunction } from "solid-js/store";
import { InputField, MoneyField, SelectField } from "../components/Fields.tsx";
import { Async } from "../components/State.tsx";
import { getZones } from "../shipping/shipping.ts";
import { ChipPicker } from "./ChipPicker.tsx";
import { actionsOf, type Draft } from "./promotion-draft.ts";
import { actionLabels } from "./promotion-labels.ts";
import { TargetFields } from "./TargetFields.tsx";

/** What a promotion takes off, with the fields of each kind of action and the lines it is about. */
export function ActionFields(props: {
  draft: Draft;
  setDraft: SetStoreFunction<Draft>;
  errors: Record<string, string>;
  currency: string;
}) {
  const d = () => props.draft;
  const is = (...types: Draft["type"][]) => types.includes(d().type);
  const err = (path: string) => props.errors[path];
  const zones = createAsync(() => (is("free_shipping") ? getZones() : Promise.resolve([])));
  const count = { type: "number", min: "1", inputmode: "numeric" } as const;
  return (
    <>
      <SelectField
        label="Takes off"
        value={d().type}
        onChange={(v) => props.setDraft("type", v as Draft["type"])}
        choices={actionsOf[d().kind].map((type) => ({ value: type, label: actionLabels[type] }))}
        error={err("action.type")}
      />
      <Show when={is("percent", "bxgy")}>
        <InputField
          label={is("bxgy") ? "Percent off what they get" : "Percent off"}
          {...count}
          max="100"
          value={d().percent}
          onInput={(v) => props.setDraft("percent", v)}
          error={err("action.percent")}
          hint={is("bxgy") ? "100 for free." : undefined}
        />
      </Show>
      <Show when={is("percent")}>
        <MoneyField
          label="At most, per order"
          currency={props.currency}
          value={d().cap}
          onInput={(v) => props.setDraft("cap", v)}
          error={err("action.cap")}
          optional
        />
      </Show>
      <Show when={is("fixed", "fixed_price")}>
        <MoneyField
          label={is("fixed") ? "Amount off" : "Price of each unit"}
          currency={props.currency}
          value={d().amount}
          onInput={(v) => props.setDraft("amount", v)}
          error={err(is("fixed") ? "action.amount" : "action.price")}
        />
      </Show>
      <Show when={is("bxgy")}>
        <InputField
          label="They buy"
          {...count}
          value={d().buyQuantity}
          onInput={(v) => props.setDraft("buyQuantity", v)}
          error={err("action.buyQuantity")}
        />
        <InputField
          label="They get"
          {...count}
          value={d().getQuantity}
          onInput={(v) => props.setDraft("getQuantity", v)}
          error={err("action.getQuantity")}
        />
        <InputField
          label="At most, per order"
          {...count}
          value={d().maxApplications}
          onInput={(v) => props.setDraft("maxApplications", v)}
          error={err("action.maxApplications")}
          hint="Times it applies; empty for as many as the cart holds."
          optional
        />
      </Show>
      <Show when={is("free_shipping")}>
        <Async value={zones} keys={getZones.key} what="the shipping methods">
          {(list) => (
            <ChipPicker
              legend="Shipping methods"
              chosen={d().methodIds}
              choices={list().flatMap((zone) =>
                zone.methods.map((m) => ({ value: m.id, label: `${zone.name}: ${m.name}` })),
              )}
              onChange={(ids) => props.setDraft("methodIds", ids)}
              empty="Any method."
            />
          )}
        </Async>
      </Show>
      <Show when={(is("percent") && d().kind !== "order") || is("fixed_price", "bxgy")}>
        <TargetFields
          title={is("bxgy") ? "What they buy" : "Which items"}
          target={d().target}
          onChange={(target) => props.setDraft("target", target)}
          currency={props.currency}
          error={err("action.target")}
        />
      </Show>
      <Show when={is("bxgy")}>
        <TargetFields
          title="What they get"
          target={d().get}
          onChange={(get) => props.setDraft("get", get)}
          currency={props.currency}
        />
      </Show>
    </>
  );
}
