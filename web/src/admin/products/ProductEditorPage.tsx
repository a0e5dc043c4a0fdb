import { A, useParams } from "@solidjs/router";
import { Show } from "solid-js";
import { ApiError, read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { Failure, Loading, NotFound } from "../components/State.tsx";
import { shopCurrency } from "../lib/currency.ts";
import { createLoader } from "../lib/data.ts";
import { isNotFound } from "../lib/errors.ts";
import { pageTitle } from "../lib/role.ts";
import { ProductEditor } from "./ProductEditor.tsx";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default function ProductEditorPage() {
  const params = useParams<{ id?: string }>();
  const isNew = () => !params.id;
  pageTitle(params.id ? "Product" : "New product");
  const loaded = createLoader(
    async () => {
      const currency = await shopCurrency();
      if (!params.id) return { product: null, currency };
      if (!uuid.test(params.id)) throw new ApiError(404, "not_found", "No such product.");
      const product = await read(api.admin.products[":id"].$get({ param: { id: params.id } }));
      return { product, currency };
    },
    () => params.id,
  );
  return (
    <section>
      <p class="a-crumbs">
        <A href="/admin/products">Products</A>
      </p>
      <Show
        when={!loaded.error()}
        fallback={
          isNotFound(loaded.error()) ? (
            <NotFound what="Product" back="/admin/products" backLabel="Back to the products" />
          ) : (
            <Failure error={loaded.error()} what={isNew() ? "the editor" : "the product"} retry={loaded.reload} />
          )
        }
      >
        <Show when={loaded.value()} keyed fallback={<Loading what="the product" />}>
          {(value) => <ProductEditor product={value.product} currency={value.currency} />}
        </Show>
      </Show>
    </section>
  );
}
