import { createSignal } from "solid-js";
import { createStore, produce } from "solid-js/store";
import { FormInvalid, fieldErrors } from "../../lib/field-errors.ts";
import { ApiError, read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import type { AdminProduct } from "../lib/types.ts";
import { draftOf, isChanged, type RowDraft, rowChanges } from "./product-rows.ts";

/** Why a row was not saved: in words, and by field. */
export type RowFailure = { message: string; fields: Record<string, string> };

const products = (n: number) => (n === 1 ? "1 product" : `${n} products`);
const firstOf = (fields: Record<string, string>) => Object.values(fields)[0];

/**
 * The list's rows as staff edit them, saved together by "Save all": every changed row in one request,
 * each row's failure kept beside it. `onSaved` shows a saved product in the list.
 */
export function createRowDrafts(onSaved: (product: AdminProduct) => void) {
  const [drafts, setDrafts] = createStore<Record<string, RowDraft>>({});
  const [failures, setFailures] = createSignal<Record<string, RowFailure>>({});
  const draftFor = (product: AdminProduct) => drafts[product.id] ?? draftOf(product);
  const forget = (id: string) =>
    setDrafts(
      produce((all) => {
        delete all[id];
      }),
    );
  const changed = (listed: AdminProduct[]) => listed.filter((p) => drafts[p.id] && isChanged(p, drafts[p.id]));

  return {
    draftFor,
    changed,
    failure: (id: string) => failures()[id],
    /** Changes the fields of a row. */
    edit(product: AdminProduct, change: (draft: RowDraft) => void) {
      if (!drafts[product.id]) setDrafts(product.id, draftOf(product));
      setDrafts(product.id, produce(change));
    },
    /** Shows a product changed elsewhere (a bulk action); a row without changes of its own shows it as it is. */
    replaced(before: AdminProduct) {
      const draft = drafts[before.id];
      if (draft && !isChanged(before, draft)) forget(before.id);
    },
    /** Saves every changed row of `listed`; answers what to tell staff, or fails with the rows marked. */
    async saveAll(listed: AdminProduct[]): Promise<string> {
      const rows = changed(listed).map((product) => ({ product, ...rowChanges(product, draftFor(product)) }));
      if (rows.length === 0) return "Nothing to save.";
      const invalid = rows.filter((row) => row.fields);
      const marked: Record<string, RowFailure> = {};
      for (const row of invalid)
        marked[row.product.id] = { message: firstOf(row.fields ?? {}) ?? "", fields: row.fields ?? {} };
      setFailures(marked);
      if (invalid.length > 0) throw new FormInvalid({}, `Check the ${products(invalid.length)} marked below.`);
      const changes = rows.flatMap((row) => (row.changes ? [row.changes] : []));
      const answer = await read(api.admin.products.bulk.$post({ json: { action: "update", products: changes } }));
      for (const result of answer.results) {
        if (result.ok) {
          forget(result.id);
          onSaved(result.product);
        } else {
          const error = new ApiError(400, result.error.code, result.error.message, result.error.details);
          marked[result.id] = { message: result.error.message, fields: fieldErrors(error) };
        }
      }
      setFailures({ ...marked });
      const saved = answer.results.filter((r) => r.ok).length;
      const failed = answer.results.length - saved;
      if (saved === 0) throw new FormInvalid({}, `No product was saved: see the ${products(failed)} marked below.`);
      return failed > 0
        ? `Saved ${products(saved)}; ${products(failed)} could not be: see the rows marked.`
        : `Saved ${products(saved)}.`;
    },
  };
}

export type RowDrafts = ReturnType<typeof createRowDrafts>;
