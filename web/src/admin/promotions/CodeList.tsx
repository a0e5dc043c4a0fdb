import { For } from "solid-js";
import { createPagedList } from "../../lib/data.ts";
import { ListState } from "../components/State.tsx";
import { formatDateTime } from "../lib/orders.ts";
import { usageOf } from "./promotion-labels.ts";
import { getPromotionCodesPage } from "./promotions.ts";

/** The codes as staff may see them: a hint of each, its uses and limit; never the code. */
export function CodeList(props: { promotionId: string }) {
  const list = createPagedList(getPromotionCodesPage, () => props.promotionId);
  return (
    <ListState list={list} what="the codes" empty={<p>No codes yet.</p>}>
      {(items) => (
        <table class="a-table a-compact" data-testid="promotion-codes">
          <caption class="visually-hidden">The promotion's codes</caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col" class="a-num">
                Used
              </th>
              <th scope="col">Made</th>
            </tr>
          </thead>
          <tbody>
            <For each={items()}>
              {(code) => (
                <tr>
                  <td>
                    <code>{code.hint}</code>
                  </td>
                  <td class="a-num">{usageOf(code)}</td>
                  <td>{formatDateTime(code.createdAt)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      )}
    </ListState>
  );
}
