import { For, Show } from "solid-js";
import { createPagedList } from "../../lib/data.ts";
import { ListState } from "../components/State.tsx";
import { formatDateTime } from "../lib/orders.ts";
import type { Coupon } from "../lib/types.ts";
import { getCouponGrantsPage } from "./coupons.ts";

/** Who holds the coupon: every grant with its own expiry and how often it was used. */
export function CouponGrants(props: { coupon: Coupon }) {
  // A grant made from the card reads this list again (the grant form refreshes its query).
  const list = createPagedList(getCouponGrantsPage, () => props.coupon.id);
  const now = Date.now();
  return (
    <section class="a-panel" aria-label={`Grants of ${props.coupon.title}`}>
      <h3>Granted to</h3>
      <ListState list={list} what="the grants" empty={<p>Nobody holds this coupon yet.</p>}>
        {(items) => (
          <table class="a-table" data-testid="grants">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Code</th>
                <th scope="col">Granted</th>
                <th scope="col">Valid until</th>
                <th scope="col" class="a-num">
                  Uses
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={items()}>
                {(grant) => (
                  <tr>
                    <td data-label="Customer" class="a-break">
                      {grant.username}
                    </td>
                    <td data-label="Code">
                      <code>{grant.code}</code>
                    </td>
                    <td data-label="Granted">{formatDateTime(grant.grantedAt)}</td>
                    <td data-label="Valid until">
                      {formatDateTime(grant.expiresAt)}
                      <Show when={Date.parse(grant.expiresAt) < now}>
                        {" "}
                        <span class="badge out">expired</span>
                      </Show>
                    </td>
                    <td data-label="Uses" class="a-num">
                      {grant.uses} of {props.coupon.perUserLimit}
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
