import { useNavigate } from "@solidjs/router";
import { Show } from "solid-js";
import { createStore } from "solid-js/store";
import { setQuery } from "../../lib/data.ts";
import { createForm } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { showToast } from "../../lib/toast.ts";
import { FormStatus } from "../components/Feedback.tsx";
import { InputField, SelectField } from "../components/Fields.tsx";
import { ActionFields } from "./ActionFields.tsx";
import { PreviewPanel } from "./PreviewPanel.tsx";
import { promotionBody } from "./promotion-body.ts";
import { actionsOf, type Draft, draftOf } from "./promotion-draft.ts";
import { kindLabels, methodLabels } from "./promotion-labels.ts";
import { getPromotion, getPromotionsPage, type Kind, type Promotion } from "./promotions.ts";
import { RulesFields } from "./RulesFields.tsx";

const choicesOf = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

/** Every field of a promotion, to create one or change one, with the preview of the draft below. */
export function PromotionEditor(props: { promotion: Promotion | null; currency: string }) {
  const [draft, setDraft] = createStore<Draft>(draftOf(props.promotion, props.currency));
  const form = createForm({ refresh: [getPromotionsPage.key] });
  const navigate = useNavigate();
  const err = (path: string) => form.errors()[path];
  // An action the new kind does not take gives way to the kind's first.
  const setKind = (kind: Kind) =>
    setDraft({ kind, type: actionsOf[kind].includes(draft.type) ? draft.type : actionsOf[kind][0] });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const body = promotionBody(draft, props.currency, !props.promotion);
      const id = props.promotion?.id;
      if (id) {
        const saved = await read(api.admin.promotions[":id"].$patch({ param: { id }, json: body }));
        await setQuery(getPromotion, [id], saved);
        return "Saved: open carts are priced again.";
      }
      const created = await read(api.admin.promotions.$post({ json: body }));
      await setQuery(getPromotion, [created.id], created);
      showToast(`${created.name} was created.`, [{ label: "All promotions", href: "/admin/promotions" }]);
      navigate(`/admin/promotions/${created.id}`);
      return undefined;
    });
  };

  return (
    <>
      <form
        class="a-form a-editor-section"
        onSubmit={submit}
        aria-label={props.promotion ? `Edit ${props.promotion.name}` : "New promotion"}
        novalidate
      >
        <InputField
          label="Name"
          value={draft.name}
          onInput={(v) => setDraft("name", v)}
          error={err("name")}
          maxLength={120}
          hint="Shoppers see it in their cart."
        />
        <SelectField
          label="How it applies"
          value={draft.method}
          onChange={(v) => setDraft("method", v as Draft["method"])}
          choices={choicesOf(methodLabels)}
          error={err("method")}
        />
        <SelectField
          label="On"
          value={draft.kind}
          onChange={(v) => setKind(v as Kind)}
          choices={choicesOf(kindLabels)}
          error={err("kind")}
        />
        <SelectField
          label="Status"
          value={draft.status}
          onChange={(v) => setDraft("status", v as Draft["status"])}
          choices={[
            { value: "active", label: "Active" },
            { value: "paused", label: "Paused" },
          ]}
        />
        <Show when={!props.promotion && draft.method === "code"}>
          <InputField
            label="Shared code"
            value={draft.code}
            onInput={(v) => setDraft("code", v)}
            error={err("code")}
            hint="One code for everyone; or generate single-use codes once it is saved."
            optional
          />
        </Show>
        <h3 class="a-span">What it takes off</h3>
        <ActionFields draft={draft} setDraft={setDraft} errors={form.errors()} currency={props.currency} />
        <RulesFields draft={draft} setDraft={setDraft} errors={form.errors()} currency={props.currency} />
        <div class="a-span a-actions">
          <button type="submit" class="button" disabled={form.busy()}>
            {props.promotion ? "Save promotion" : "Create promotion"}
          </button>
        </div>
        <div class="a-span">
          <FormStatus form={form} />
        </div>
      </form>
      <PreviewPanel draft={draft} promotionId={props.promotion?.id} currency={props.currency} />
    </>
  );
}
