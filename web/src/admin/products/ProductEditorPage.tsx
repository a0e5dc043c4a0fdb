import { A, createAsync, useParams } from "@solidjs/router";
import { Show } from "solid-js";
import { Async, NotFound } from "../components/State.tsx";
import { getShopCurrency } from "../lib/currency.ts";
import { pageTitle } from "../lib/role.ts";
import { ProductEditor } from "./ProductEditor.tsx";
import { editorData, getAdminProduct } from "./products.ts";

/** The route's preload: the page's reads, started with the navigation. */
export { preloadProduct as preload } from "./products.ts";

export default function ProductEditorPage() {
  const params = useParams<{ id?: string }>();
  pageTitle(params.id ? "Product" : "New product");
  const loaded = createAsync(() => editorData(params.id));
  return (
    <section>
      <p class="a-crumbs">
        <A href="/admin/products">Products</A>
      </p>
      <Async
        value={loaded}
        keys={[getShopCurrency.key, getAdminProduct.key]}
        what={params.id ? "the product" : "the editor"}
        notFound={<NotFound what="Product" back="/admin/products" backLabel="Back to the products" />}
      >
        {(value) => (
          // One editor per product: its drafts are its own, so a product saved (and put in the
          // query's cache) keeps it, and another product gets a new one.
          <Show when={value().product?.id ?? "new"} keyed>
            {(_product) => <ProductEditor product={value().product} currency={value().currency} />}
          </Show>
        )}
      </Async>
    </section>
  );
}
