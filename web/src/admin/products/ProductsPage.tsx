import { A, useSearchParams } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { read, setOnly } from "../../lib/http.ts";
import { formatMoney } from "../../lib/money.ts";
import { api } from "../../lib/session.ts";
import { InputField, SelectField } from "../components/Fields.tsx";
import { ForById } from "../components/ForById.tsx";
import { ListState } from "../components/State.tsx";
import { createLoader, createPaged } from "../lib/data.ts";
import { describeAdminError } from "../lib/errors.ts";
import { createChecks, createForm } from "../lib/form.ts";
import { toAmount } from "../lib/money.ts";
import { pageTitle } from "../lib/role.ts";
import type { AdminProduct, AdminVariant } from "../lib/types.ts";
import { categoryChoices, loadCategories } from "../taxonomy/taxonomy.ts";
import { ExportCatalog, ImportCatalog } from "./CatalogCsv.tsx";

type Params = { q?: string; category?: string; minStock?: string; maxStock?: string; active?: string };

const wholeNumber = (value: string | undefined) => (value && /^\d+$/.test(value) ? value : undefined);

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
function QuickEdit(props: { product: AdminProduct; onSaved: (product: AdminProduct) => void }) {
  const only = () => (props.product.variants.length === 1 ? props.product.variants[0] : undefined);
  const [price, setPrice] = createSignal(toAmount(only()?.price, props.product.currency));
  const [stock, setStock] = createStore<Record<string, string>>(
    Object.fromEntries(props.product.variants.map((v) => [v.id, String(v.stockQty)])),
  );
  const [reason, setReason] = createSignal("");
  const [active, setActive] = createSignal(props.product.active);
  const form = createForm();
  const name = () => props.product.name;
  const changedStock = () => props.product.variants.filter((v) => (stock[v.id] ?? "").trim() !== String(v.stockQty));
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
  const stockInput = (variant: AdminVariant, label: string) => (
    <input
      aria-label={label}
      type="number"
      min="0"
      value={stock[variant.id] ?? ""}
      aria-invalid={form.errors()[`stock.${variant.id}`] ? "true" : undefined}
      onInput={(e) => setStock(variant.id, e.currentTarget.value)}
    />
  );
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
      <td data-label="Stock">
        <Show
          when={only()}
          fallback={
            <details class="a-quick-stock">
              <summary>
                <strong data-testid="total-stock">{props.product.stockQty}</strong> in total
                <span class="visually-hidden">: stock of each variant of {name()}</span>
              </summary>
              <ul>
                <For each={props.product.variants}>
                  {(variant) => (
                    <li>
                      <span>
                        {variant.title}
                        <Show when={!variant.active}>
                          <span class="muted"> (not for sale)</span>
                        </Show>
                      </span>
                      {stockInput(variant, `Stock of ${name()}, ${variant.title}`)}
                    </li>
                  )}
                </For>
              </ul>
            </details>
          }
        >
          {(variant) => stockInput(variant(), `Stock of ${name()}`)}
        </Show>
        <Show when={changedStock().length > 0}>
          <input
            class="a-reason"
            aria-label={`Why the stock of ${name()} changes`}
            placeholder="Why? e.g. stock count"
            value={reason()}
            aria-invalid={form.errors().stockReason ? "true" : undefined}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </Show>
      </td>
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

export default function ProductsPage() {
  pageTitle("Products");
  const [params, setParams] = useSearchParams<Params>();
  const [q, setQ] = createSignal(params.q ?? "");
  const [category, setCategory] = createSignal(params.category ?? "");
  const [minStock, setMinStock] = createSignal(params.minStock ?? "");
  const [maxStock, setMaxStock] = createSignal(params.maxStock ?? "");
  const [active, setActive] = createSignal(params.active ?? "");
  const categories = createLoader(loadCategories);
  const [importing, setImporting] = createSignal(false);

  const filters = () => ({
    q: params.q?.trim() || undefined,
    category: params.category || undefined,
    minStock: wholeNumber(params.minStock),
    maxStock: wholeNumber(params.maxStock),
    active: params.active === "true" ? ("true" as const) : params.active === "false" ? ("false" as const) : undefined,
  });
  const filtered = () => Object.values(filters()).some((value) => value !== undefined);
  const list = createPaged<AdminProduct>(
    (cursor) => read(api.admin.products.$get({ query: setOnly({ ...filters(), limit: "25", cursor }) })),
    () => JSON.stringify(filters()),
  );

  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    setParams({
      q: q().trim() || undefined,
      category: category() || undefined,
      minStock: minStock() || undefined,
      maxStock: maxStock() || undefined,
      active: active() || undefined,
    });
  };
  const clear = () => {
    for (const set of [setQ, setCategory, setMinStock, setMaxStock, setActive]) set("");
    setParams({ q: undefined, category: undefined, minStock: undefined, maxStock: undefined, active: undefined });
  };
  const replace = (saved: AdminProduct) => list.update((items) => items.map((p) => (p.id === saved.id ? saved : p)));

  return (
    <section>
      <div class="a-title">
        <h1>Products</h1>
        <span class="a-spacer" />
        <ExportCatalog />
        <button
          type="button"
          class="button secondary"
          aria-expanded={importing()}
          aria-controls="catalog-import"
          onClick={() => setImporting(!importing())}
        >
          {importing() ? "Close the import" : "Import CSV"}
        </button>
        <A class="button" href="/admin/products/new">
          New product
        </A>
      </div>
      <Show when={importing()}>
        <ImportCatalog id="catalog-import" onImported={() => void list.reload()} />
      </Show>
      <form class="a-filters" aria-label="Filter products" onSubmit={apply}>
        <InputField label="Search the catalog" type="search" value={q()} onInput={setQ} />
        <SelectField
          label="Category"
          value={category()}
          onChange={setCategory}
          hint={categories.error() ? "Categories could not be loaded." : undefined}
          choices={[
            { value: "", label: "All categories" },
            ...categoryChoices(categories.value() ?? [], (c) => c.slug),
          ]}
        />
        <InputField label="Stock from" type="number" min="0" value={minStock()} onInput={setMinStock} optional />
        <InputField label="Stock up to" type="number" min="0" value={maxStock()} onInput={setMaxStock} optional />
        <SelectField
          label="Availability"
          value={active()}
          onChange={setActive}
          choices={[
            { value: "", label: "All products" },
            { value: "true", label: "For sale" },
            { value: "false", label: "Not for sale" },
          ]}
        />
        <div class="a-filter-buttons">
          <button type="submit" class="button">
            Search
          </button>
          <Show when={filtered()}>
            <button type="button" class="button secondary" onClick={clear}>
              Clear filters
            </button>
          </Show>
        </div>
      </form>
      <p class="muted">
        Stock of each variant, the price of a product with one variant and availability can be changed right here; a
        stock change says why. Open a product for everything else.
      </p>
      <ListState
        list={list}
        what="products"
        empty={
          filtered() ? (
            <p>No products match these filters.</p>
          ) : (
            <p>
              No products yet. <A href="/admin/products/new">Add the first one</A>.
            </p>
          )
        }
      >
        {(items) => (
          <table class="a-table" data-testid="products-table">
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Price</th>
                <th scope="col" class="a-num">
                  Customer pays
                </th>
                <th scope="col">Stock</th>
                <th scope="col">For sale</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <ForById each={items()}>{(product) => <QuickEdit product={product()} onSaved={replace} />}</ForById>
            </tbody>
          </table>
        )}
      </ListState>
    </section>
  );
}
