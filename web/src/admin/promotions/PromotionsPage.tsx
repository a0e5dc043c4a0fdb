import { A, createAsync, useSearchParams } from "@solidjs/router";
import { createPagedList } from "../../lib/data.ts";
import { SelectField } from "../components/Fields.tsx";
import { ForById } from "../components/ForById.tsx";
import { Async, ListState } from "../components/State.tsx";
import { getShopCurrency } from "../lib/currency.ts";
import { pageTitle } from "../lib/role.ts";
import { PromotionRow } from "./PromotionRow.tsx";
import { getPromotionsPage, type Promotion, promotionFilters } from "./promotions.ts";

/** The route's preload: the page's reads, started with the navigation. */
export { preloadPromotions as preload } from "./promotions.ts";

export default function PromotionsPage() {
  pageTitle("Promotions");
  const [params, setParams] = useSearchParams<{ status?: string; method?: string }>();
  const filters = () => promotionFilters(params);
  const currency = createAsync(() => getShopCurrency());
  const list = createPagedList(getPromotionsPage, filters);
  // A pause, a resumption or a copy answers with the promotion as it is now: no reading again.
  const replace = (saved: Promotion) => list.update((items) => items.map((p) => (p.id === saved.id ? saved : p)));
  const added = (copy: Promotion) => list.update((items) => [copy, ...items.filter((p) => p.id !== copy.id)]);

  return (
    <section>
      <div class="a-title">
        <h1>Promotions</h1>
        <span class="a-spacer" />
        <A class="button secondary" href="/admin/promotions/report">
          Usage report
        </A>
        <A class="button" href="/admin/promotions/new">
          New promotion
        </A>
      </div>
      <form class="a-filters" aria-label="Filter promotions" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          label="Status"
          value={filters().status ?? ""}
          onChange={(status) => setParams({ status: status || undefined })}
          choices={[
            { value: "", label: "Any" },
            { value: "active", label: "Active" },
            { value: "paused", label: "Paused" },
          ]}
        />
        <SelectField
          label="How it applies"
          value={filters().method ?? ""}
          onChange={(method) => setParams({ method: method || undefined })}
          choices={[
            { value: "", label: "Any" },
            { value: "automatic", label: "Automatic" },
            { value: "code", label: "By code" },
          ]}
        />
      </form>
      <Async value={currency} keys={getShopCurrency.key} what="the promotions">
        {(code) => (
          <ListState list={list} what="promotions" empty={<p>No promotions here yet.</p>}>
            {(items) => (
              <table class="a-table" data-testid="promotions">
                <thead>
                  <tr>
                    <th scope="col">Promotion</th>
                    <th scope="col">State</th>
                    <th scope="col">Takes off</th>
                    <th scope="col" class="a-num">
                      Used
                    </th>
                    <th scope="col" class="a-num">
                      Discount given
                    </th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  <ForById each={items()}>
                    {(p) => <PromotionRow promotion={p()} currency={code()} onSaved={replace} onCopied={added} />}
                  </ForById>
                </tbody>
              </table>
            )}
          </ListState>
        )}
      </Async>
    </section>
  );
}
