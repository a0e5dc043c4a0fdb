import { A, useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
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
import { categoryChoices, loadCategories } from "../lib/taxonomy.ts";
import type { AdminProduct } from "../lib/types.ts";

type Params = { q?: string; category?: string; minStock?: string; maxStock?: string; active?: string };

const wholeNumber = (value: string | undefined) => (value && /^\d+$/.test(value) ? value : undefined);

/** Price, stock and availability of one product, changed right in the list. */
function QuickEdit(props: { product: AdminProduct; onSaved: (product: AdminProduct) => void }) {
  const [price, setPrice] = createSignal(toAmount(props.product.price, props.product.currency));
  const [stock, setStock] = createSignal(String(props.product.stockQty));
  const [active, setActive] = createSignal(props.product.active);
  const form = createForm();
  const save = () =>
    form.run(async () => {
      const check = createChecks(props.product.currency);
      const json = {
        price: check.money("price", price()),
        stockQty: check.count("stockQty", stock()),
        active: active(),
      };
      check.done();
      const saved = await read(api.admin.products[":id"].$patch({ param: { id: props.product.id }, json }));
      props.onSaved(saved);
      return "Saved";
    });
  const name = () => props.product.name;
  return (
    <tr data-testid="admin-product-row" classList={{ "a-inactive": !props.product.active }}>
      <td data-label="Product">
        <A href={`/admin/products/${props.product.id}`}>{name()}</A>
        <Show when={!props.product.active}>
          {" "}
          <span class="badge out">not for sale</span>
        </Show>
        <Show when={form.error()}>
          <small class="a-field-error a-block" role="alert">
            {Object.values(form.errors())[0] ?? describeAdminError(form.error())}
          </small>
        </Show>
      </td>
      <td data-label="Price">
        <input
          class="a-amount"
          aria-label={`Price of ${name()}`}
          inputmode="decimal"
          value={price()}
          aria-invalid={form.errors().price ? "true" : undefined}
          onInput={(e) => setPrice(e.currentTarget.value)}
        />
      </td>
      <td data-label="Stock">
        <input
          aria-label={`Stock of ${name()}`}
          type="number"
          min="0"
          value={stock()}
          aria-invalid={form.errors().stockQty ? "true" : undefined}
          onInput={(e) => setStock(e.currentTarget.value)}
        />
      </td>
      <td data-label="For sale">
        <input
          aria-label={`${name()} is for sale`}
          type="checkbox"
          checked={active()}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />
      </td>
      <td data-label="Customer pays" class="a-num">
        {formatMoney(props.product.actualPrice, props.product.currency)}
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
        <A class="button" href="/admin/products/new">
          New product
        </A>
      </div>
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
      <p class="muted">Price, stock and availability can be changed right here; open a product for everything else.</p>
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
                <th scope="col">Stock</th>
                <th scope="col">For sale</th>
                <th scope="col" class="a-num">
                  Customer pays
                </th>
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
