import { A } from "@solidjs/router";
import { createResource, createSignal, For } from "solid-js";
import { Field } from "../components/Field.tsx";
import { FormError } from "../components/FormError.tsx";
import { createAction } from "../lib/action.ts";
import { type Answer, read } from "../lib/http.ts";
import { formatMoney } from "../lib/money.ts";
import { api } from "../lib/session.ts";

type AdminProduct = Answer<(typeof api.admin.products)[":id"]["$get"]>;

const search = (q: string) => read(api.admin.products.$get({ query: q ? { limit: "100", q } : { limit: "100" } }));

/** One product's price, discount, stock and active flag, saved together. */
function ProductRow(props: { product: AdminProduct; onSaved: (product: AdminProduct) => void }) {
  const [price, setPrice] = createSignal(String(props.product.price));
  const [stock, setStock] = createSignal(String(props.product.stockQty));
  const [active, setActive] = createSignal(props.product.active);
  const { busy, error, run } = createAction();
  const save = () =>
    run(async () => {
      const saved = await read(
        api.admin.products[":id"].$patch({
          param: { id: props.product.id },
          json: { price: Number(price()), stockQty: Number(stock()), active: active() },
        }),
      );
      props.onSaved(saved);
    });
  return (
    <tr data-testid="admin-product-row">
      <td>
        <A href={`/products/${props.product.slug}`}>{props.product.name}</A>
        <FormError error={error()} />
      </td>
      <td>
        <input
          aria-label={`Price of ${props.product.name} in cents`}
          type="number"
          min="0"
          value={price()}
          onInput={(e) => setPrice(e.currentTarget.value)}
        />
      </td>
      <td>
        <input
          aria-label={`Stock of ${props.product.name}`}
          type="number"
          min="0"
          value={stock()}
          onInput={(e) => setStock(e.currentTarget.value)}
        />
      </td>
      <td>
        <input
          aria-label={`${props.product.name} is for sale`}
          type="checkbox"
          checked={active()}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />
      </td>
      <td>{formatMoney(props.product.actualPrice, props.product.currency)}</td>
      <td>
        <button type="button" class="button secondary" disabled={busy()} onClick={save}>
          Save
        </button>
      </td>
    </tr>
  );
}

function Catalog() {
  const [query, setQuery] = createSignal("");
  const [products, { mutate }] = createResource(query, search);
  const [name, setName] = createSignal("");
  const [price, setPrice] = createSignal("");
  const [stock, setStock] = createSignal("");
  const { busy, error, run } = createAction();
  const create = (event: SubmitEvent) => {
    event.preventDefault();
    void run(async () => {
      const created = await read(
        api.admin.products.$post({ json: { name: name(), price: Number(price()), stockQty: Number(stock()) } }),
      );
      mutate((list) => ({ items: [created, ...(list?.items ?? [])], nextCursor: list?.nextCursor ?? null }));
      setName("");
      setPrice("");
      setStock("");
    });
  };
  const replace = (saved: AdminProduct) =>
    mutate((list) => ({
      items: (list?.items ?? []).map((p) => (p.id === saved.id ? saved : p)),
      nextCursor: list?.nextCursor ?? null,
    }));

  return (
    <section>
      <h1>Catalog</h1>
      <p class="muted">
        Prices are in cents. Changes show in the shop at once. <A href="/admin">Back to the dashboard</A>
      </p>
      <form class="filters" onSubmit={create} aria-label="New product">
        <Field label="New product name" name="name" value={name()} onInput={setName} />
        <Field label="Price (cents)" name="price" type="number" value={price()} onInput={setPrice} />
        <Field label="Stock" name="stock" type="number" value={stock()} onInput={setStock} />
        <button class="button" type="submit" disabled={busy()}>
          Add product
        </button>
      </form>
      <FormError error={error()} />
      <input
        type="search"
        placeholder="Search the catalog"
        aria-label="Search the catalog"
        onChange={(e) => setQuery(e.currentTarget.value)}
      />
      <table class="admin-table">
        <thead>
          <tr>
            <th>Product</th>
            <th>Price</th>
            <th>Stock</th>
            <th>For sale</th>
            <th>Actual price</th>
            <th />
          </tr>
        </thead>
        <tbody>
          <For each={products()?.items}>{(product) => <ProductRow product={product} onSaved={replace} />}</For>
        </tbody>
      </table>
    </section>
  );
}

export default Catalog;
