import { A } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { createForm } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { formatMoney } from "../../lib/money.ts";
import { api } from "../../lib/session.ts";
import { createChecks } from "../lib/checks.ts";
import { describeAdminError } from "../lib/errors.ts";
import { toAmount } from "../lib/money.ts";
import type { AdminProduct } from "../lib/types.ts";
import { getAdminProduct } from "./products.ts";
import { QuickStock } from "./QuickStock.tsx";

/** "$12.00" or "$12.00 – $18.00": what customers pay, over the variants for sale. */
const rangeText = (product: AdminProduct) =>
  !product.priceRange
    ? "—"
    : product.priceRange.min === product.priceRange.max
      ? formatMoney(product.priceRange.min, product.currency)
      : `${formatMoney(product.priceRange.min, product.currency)} – ${formatMoney(product.priceRange.max, product.currency)}`;

/**
 * One product in the list: its price range and total stock, with each variant's stock changed right
 * here (a change says why), the price of a product with one variant, and whether it is for sale.
 */
export function QuickEdit(props: { product: AdminProduct; onSaved: (product: AdminProduct) => void }) {
  const only = () => (props.product.variants.length === 1 ? props.product.variants[0] : undefined);
  const [price, setPrice] = createSignal(toAmount(only()?.price, props.product.currency));
  const [stock, setStock] = createStore<Record<string, string>>(
    Object.fromEntries(props.product.variants.map((v) => [v.id, String(v.stockQty)])),
  );
  const [reason, setReason] = createSignal("");
  const [active, setActive] = createSignal(props.product.active);
  // The row shows the saved product; its editor, if read before, reads it again when next opened.
  const form = createForm({ refresh: [getAdminProduct.keyFor(props.product.id)] });
  const name = () => props.product.name;
  const save = () =>
    form.run(async () => {
      const product = props.product;
      const check = createChecks(product.currency);
      const single = only();
      const newPrice = single ? check.money("price", price()) : undefined;
      const changes = product.variants.flatMap((v) => {
        const json: { price?: number; stockQty?: number; stockReason?: string } = {};
        if (single && newPrice !== undefined && newPrice !== v.price) json.price = newPrice;
        const text = (stock[v.id] ?? "").trim();
        if (text !== String(v.stockQty)) {
          json.stockQty = check.count(`stock.${v.id}`, text);
          json.stockReason = reason().trim();
        }
        return Object.keys(json).length > 0 ? [{ variantId: v.id, json }] : [];
      });
      if (changes.some((c) => c.json.stockQty !== undefined) && !reason().trim())
        check.fail("stockReason", "Say why the stock changes: it is kept in the history.");
      check.done();
      if (changes.length === 0 && active() === product.active) return "Nothing to save.";
      for (const { variantId, json } of changes)
        await read(
          api.admin.products[":id"].variants[":variantId"].$patch({ param: { id: product.id, variantId }, json }),
        );
      const saved =
        active() !== product.active
          ? await read(api.admin.products[":id"].$patch({ param: { id: product.id }, json: { active: active() } }))
          : await read(api.admin.products[":id"].$get({ param: { id: product.id } }));
      setReason("");
      props.onSaved(saved);
      return "Saved";
    });
  return (
    <tr data-testid="admin-product-row" classList={{ "a-inactive": !props.product.active }}>
      <td data-label="Product">
        <A href={`/admin/products/${props.product.id}`}>{name()}</A>
        <Show when={!props.product.active}>
          {" "}
          <span class="badge out">not for sale</span>
        </Show>
        <Show when={props.product.variants.length > 1}>
          <small class="muted a-block">{props.product.variants.length} variants</small>
        </Show>
        <Show when={form.error()}>
          <small class="a-field-error a-block" role="alert">
            {Object.values(form.errors())[0] ?? describeAdminError(form.error())}
          </small>
        </Show>
      </td>
      <td data-label="Price">
        <Show when={only()} fallback={<span class="muted">per variant</span>}>
          <input
            class="a-amount"
            aria-label={`Price of ${name()}`}
            inputmode="decimal"
            value={price()}
            aria-invalid={form.errors().price ? "true" : undefined}
            onInput={(e) => setPrice(e.currentTarget.value)}
          />
        </Show>
      </td>
      <td data-label="Customer pays" class="a-num" data-testid="price-range">
        {rangeText(props.product)}
      </td>
      <QuickStock
        product={props.product}
        only={only()}
        stock={stock}
        setStock={setStock}
        reason={reason()}
        setReason={setReason}
        errors={form.errors()}
      />
      <td data-label="For sale">
        <input
          aria-label={`${name()} is for sale`}
          type="checkbox"
          checked={active()}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />
      </td>
      <td>
        <span class="a-row-actions">
          <button type="button" class="button secondary a-small" disabled={form.busy()} onClick={() => void save()}>
            Save<span class="visually-hidden"> {name()}</span>
          </button>
          <span class="a-notice" role="status">
            {form.notice()}
          </span>
        </span>
      </td>
    </tr>
  );
}
