import { A, createAsync, useParams } from "@solidjs/router";
import { Show } from "solid-js";
import { Async, NotFound } from "../components/State.tsx";
import { getShopCurrency } from "../lib/currency.ts";
import { pageTitle } from "../lib/role.ts";
import { CodesPanel } from "./CodesPanel.tsx";
import { PromotionEditor } from "./PromotionEditor.tsx";
import { getPromotion } from "./promotions.ts";

/** The route's preload: the page's reads, started with the navigation. */
export { preloadPromotion as preload } from "./promotions.ts";

export default function PromotionEditorPage() {
  const params = useParams<{ id?: string }>();
  pageTitle(params.id ? "Promotion" : "New promotion");
  const loaded = createAsync(() =>
    Promise.all([getShopCurrency(), params.id ? getPromotion(params.id) : null]).then(([currency, promotion]) => ({
      currency,
      promotion,
    })),
  );
  return (
    <section>
      <p class="a-crumbs">
        <A href="/admin/promotions">Promotions</A>
      </p>
      <Async
        value={loaded}
        keys={[getShopCurrency.key, getPromotion.key]}
        what={params.id ? "the promotion" : "the editor"}
        notFound={<NotFound what="Promotion" back="/admin/promotions" backLabel="Back to the promotions" />}
      >
        {(value) => (
          <>
            <h1>{value().promotion?.name ?? "New promotion"}</h1>
            {/* One editor per promotion: its draft is its own, and a saved promotion keeps it. */}
            <Show when={value().promotion?.id ?? "new"} keyed>
              {(_id) => <PromotionEditor promotion={value().promotion} currency={value().currency} />}
            </Show>
            <Show when={value().promotion?.method === "code" ? value().promotion : null}>
              {(promotion) => <CodesPanel promotion={promotion()} />}
            </Show>
          </>
        )}
      </Async>
    </section>
  );
}
