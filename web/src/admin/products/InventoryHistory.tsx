import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { createPagedList } from "../../lib/data.ts";
import { ListState } from "../components/State.tsx";
import { formatDateTime } from "../lib/orders.ts";
import { getStockHistoryPage } from "./products.ts";

const signed = (delta: number) => (delta > 0 ? `+${delta}` : delta < 0 ? `−${-delta}` : "0");

/** A variant's stock changes, newest first: by how much, to what, why, by whom and when. */
export function InventoryHistory(props: { productId: string; variantId: string; title: string }) {
  // Read again after each save of the variant (its form refreshes the query), which may move its stock.
  const list = createPagedList(getStockHistoryPage, () => ({ productId: props.productId, variantId: props.variantId }));
  return (
    <section class="a-history" aria-label={`Stock history of ${props.title}`} data-testid="inventory-history">
      <h3>Stock history of {props.title}</h3>
      <p class="muted">Every stock change: set by staff with why, and taken or given back by orders.</p>
      <ListState list={list} what="the stock history" empty={<p>No stock changes yet.</p>}>
        {(items) => (
          <table class="a-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col" class="a-num">
                  Change
                </th>
                <th scope="col" class="a-num">
                  Stock after
                </th>
                <th scope="col">Why</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              <For each={items()}>
                {(change) => (
                  <tr data-testid="inventory-change">
                    <td data-label="When">{formatDateTime(change.at)}</td>
                    <td data-label="Change" class="a-num">
                      {signed(change.delta)}
                    </td>
                    <td data-label="Stock after" class="a-num">
                      {change.stockAfter}
                    </td>
                    <td data-label="Why" class="a-break">
                      {change.reason}
                      <Show when={change.orderId}>
                        {(orderId) => (
                          <>
                            {" "}
                            <A href={`/admin/orders/${orderId()}`}>order {orderId().slice(0, 8)}</A>
                          </>
                        )}
                      </Show>
                    </td>
                    <td data-label="By" class="a-break">
                      {change.actor?.username ?? "the shop"}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        )}
      </ListState>
    </section>
  );
}
