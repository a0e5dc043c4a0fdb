import { createAsync } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { FormInvalid } from "../../lib/field-errors.ts";
import { createForm } from "../../lib/form.ts";
import { FormStatus } from "../components/Feedback.tsx";
import { InputField, MoneyField } from "../components/Fields.tsx";
import { Async } from "../components/State.tsx";
import { createChecks } from "../lib/checks.ts";
import { PreviewResult } from "./PreviewResult.tsx";
import { type Picked, ProductSearch } from "./ProductSearch.tsx";
import { promotionBody } from "./promotion-body.ts";
import type { Draft } from "./promotion-draft.ts";
import { getPromotionPreview, type PreviewBody } from "./promotions.ts";

type SampleLine = { variantId: string; label: string; quantity: string };

/** The draft should it be saved: a sample cart of chosen variants, priced with it and the live automatic promotions. */
export function PreviewPanel(props: { draft: Draft; promotionId?: string; currency: string }) {
  const [lines, setLines] = createSignal<SampleLine[]>([]);
  const [shipping, setShipping] = createSignal("");
  const [asked, setAsked] = createSignal<PreviewBody>();
  const preview = createAsync(() => {
    const body = asked();
    return body ? getPromotionPreview(body) : Promise.resolve(undefined);
  });
  const form = createForm();
  const add = ({ product, variant }: Picked) => {
    if (!variant || lines().some((line) => line.variantId === variant.id)) return;
    const label = product.variants.length > 1 ? `${product.name} (${variant.title})` : product.name;
    setLines([...lines(), { variantId: variant.id, label, quantity: "1" }]);
  };
  const setQuantity = (index: number, quantity: string) =>
    setLines(lines().map((line, i) => (i === index ? { ...line, quantity } : line)));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      let promotion: ReturnType<typeof promotionBody>;
      try {
        promotion = promotionBody(props.draft, props.currency, false);
      } catch (error) {
        if (!(error instanceof FormInvalid)) throw error;
        throw new FormInvalid({}, `Fix the promotion first: ${Object.values(error.fields).join(" ")}`);
      }
      const check = createChecks(props.currency);
      if (lines().length === 0) check.fail("items", "Add at least one variant to the sample cart.");
      const items = lines().map((line, i) => ({
        variantId: line.variantId,
        quantity: Math.min(check.count(`items.${i}.quantity`, line.quantity, 1), 999),
      }));
      const shippingAmount = check.optionalMoney("shipping", shipping()) ?? 0;
      check.done();
      // A copy: the draft's store keeps changing, what was asked does not.
      const body: PreviewBody = {
        promotion,
        items,
        shipping: shippingAmount,
        ...(props.promotionId && { promotionId: props.promotionId }),
      };
      setAsked(JSON.parse(JSON.stringify(body)));
    });
  };

  return (
    <section class="a-panel" aria-labelledby="promotion-preview">
      <h2 id="promotion-preview">Preview on a sample cart</h2>
      <p class="muted">With the live automatic promotions, as the draft stands (whatever its status and dates).</p>
      <form class="a-form" onSubmit={submit} aria-label="Promotion preview" novalidate>
        <div class="a-span">
          <ProductSearch label="Find a variant to add" variants currency={props.currency} onPick={add} />
        </div>
        <For each={lines()}>
          {(line, i) => (
            <div class="a-chip-add">
              <InputField
                label={line.label}
                type="number"
                min="1"
                max="999"
                value={line.quantity}
                onInput={(v) => setQuantity(i(), v)}
                error={form.errors()[`items.${i()}.quantity`]}
              />
              <button
                type="button"
                class="button a-danger-outline a-small"
                onClick={() => setLines(lines().filter((_, j) => j !== i()))}
              >
                Remove<span class="visually-hidden"> {line.label}</span>
              </button>
            </div>
          )}
        </For>
        <Show when={props.draft.kind === "shipping"}>
          <MoneyField
            label="Shipping"
            currency={props.currency}
            value={shipping()}
            onInput={setShipping}
            error={form.errors().shipping}
            optional
          />
        </Show>
        <div class="a-span a-actions">
          <button type="submit" class="button secondary" disabled={form.busy()}>
            Preview
          </button>
          {form.errors().items && <span class="a-field-error">{form.errors().items}</span>}
        </div>
      </form>
      <FormStatus form={form} />
      <Show when={asked()}>
        <Async value={preview} keys={getPromotionPreview.key} what="the preview">
          {(result) => <PreviewResult preview={result()} />}
        </Async>
      </Show>
    </section>
  );
}
