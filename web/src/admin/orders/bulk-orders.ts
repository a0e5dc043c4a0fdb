import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import type { BulkOrdersAnswer } from "../lib/types.ts";

/*
 * Bulk actions on orders: one request for the orders staff selected, each order's outcome in the
 * answer, and the sentence that sums them up.
 */

export type BulkAction = { action: "ship"; carrier?: string } | { action: "cancel" };

export const runBulk = (ids: string[], what: BulkAction) =>
  read(api.admin.orders.bulk.$post({ json: { ...what, ids } }));

const done = { ship: "Shipped", cancel: "Canceled" } as const;
const orders = (n: number) => (n === 1 ? "1 order" : `${n} orders`);

/** "Shipped 3 orders; 1 could not be: Order #1042 is not paid." */
export function bulkSummary(answer: BulkOrdersAnswer): string {
  const failed = answer.results.filter((r) => !r.ok);
  const succeeded = answer.results.length - failed.length;
  const head =
    succeeded > 0 ? `${done[answer.action]} ${orders(succeeded)}` : `No order was ${done[answer.action].toLowerCase()}`;
  if (failed.length === 0) return `${head}.`;
  const why = failed.map((r) => (r.ok ? "" : r.error.message)).join("; ");
  return succeeded > 0 ? `${head}; ${failed.length} could not be: ${why}.` : `${head}: ${why}.`;
}
