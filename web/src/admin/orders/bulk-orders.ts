import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { bulkSummary as summary } from "../lib/bulk.ts";
import type { BulkOrdersAnswer } from "../lib/types.ts";

/*
 * Bulk actions on orders: one request for the orders staff selected, each order's outcome in the
 * answer, and the sentence that sums them up.
 */

export type BulkAction = { action: "ship"; carrier?: string } | { action: "cancel" };

export const runBulk = (ids: string[], what: BulkAction) =>
  read(api.admin.orders.bulk.$post({ json: { ...what, ids } }));

const done = { ship: "Shipped", cancel: "Canceled" } as const;

/** "Shipped 3 orders; 1 could not be: Order #1042 is not paid." */
export const bulkSummary = (answer: BulkOrdersAnswer): string =>
  summary(answer.results, {
    done: done[answer.action],
    none: `No order was ${done[answer.action].toLowerCase()}`,
    one: "order",
    many: "orders",
  });
