import { For } from "solid-js";
import { createPagedList } from "../../lib/data.ts";
import { formatMoney } from "../../lib/money.ts";
import { ListState } from "../components/State.tsx";
import { formatDateTime } from "../lib/orders.ts";
import { getPriceHistoryPage } from "./price-schedules.ts";

/** Every selling price (price − discount) the variant had and from when: what its sales are measured against. */
export function PriceHistory(props: { variantId: string; title: string; currency: string }) {
  const list = createPagedList(getPriceHistoryPage, () => props.variantId);
  return (
    <section class="a-history" aria-label={`Price history of ${props.title}`} data-testid="price-history">
      <h3>Price history of {props.title}</h3>
      <p class="muted">
        What a shopper paid for one, from each change on. A sale shown beside a struck-through price names the lowest of
        the 30 days before it.
      </p>
      <ListState list={list} what="the price history" empty={<p>No price recorded yet.</p>}>
        {(items) => (
          <table class="a-table">
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col" class="a-num">
                  Price
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={items()}>
                {(entry) => (
                  <tr data-testid="price-history-entry">
                    <td data-label="From">{formatDateTime(entry.changedAt)}</td>
                    <td data-label="Price" class="a-num">
                      {formatMoney(entry.price, props.currency)}
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
