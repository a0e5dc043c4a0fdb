import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { bulkSummary } from "../lib/bulk.ts";
import type { BulkProductsAnswer } from "../lib/types.ts";

/*
 * Bulk actions on the products staff selected: one request, each product's outcome in the answer,
 * and the sentence that sums them up.
 */

export type BulkProductAction =
  | { action: "activate" }
  | { action: "deactivate" }
  | { action: "adjust_stock"; delta: number; reason: string };

export const runBulkProducts = (ids: string[], what: BulkProductAction) =>
  read(api.admin.products.bulk.$post({ json: { ...what, ids } }));

const done = {
  activate: "Activated",
  deactivate: "Deactivated",
  adjust_stock: "Adjusted the stock of",
  update: "Saved",
} as const;

/** "Adjusted the stock of 2 products; 1 could not be: Royal Kettle has 2 in stock: it cannot lose 5." */
export const bulkProductsSummary = (answer: BulkProductsAnswer): string =>
  bulkSummary(answer.results, {
    done: done[answer.action],
    none: "No product was changed",
    one: "product",
    many: "products",
  });
