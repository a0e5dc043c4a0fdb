import { createAsync } from "@solidjs/router";
import { createMemo, createSignal, getOwner, runWithOwner } from "solid-js";
import { createStore, unwrap } from "solid-js/store";
import { setQuery } from "../../lib/data.ts";
import { FormInvalid } from "../../lib/field-errors.ts";
import { createForm, type Form } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { showToast } from "../../lib/toast.ts";
import { createChecks } from "../lib/checks.ts";
import { isConflict } from "../lib/errors.ts";
import type { AdminProduct, AdminVariant } from "../lib/types.ts";
import { getBrands, getCategories } from "../taxonomy/taxonomy.ts";
import { uploadImage } from "./images.ts";
import {
  type Draft,
  draftOf,
  emptyDraft,
  fingerprint,
  newProductBody,
  productFields,
  takenBy,
  variantFields,
  withEveryCombination,
} from "./product-draft.ts";
import { getAdminProduct, getProductsPage, getStockHistoryPage } from "./products.ts";
import {
  isDirty,
  newVariantDraft,
  nextKey,
  type OptionDraft,
  optionDraftsOf,
  optionsBody,
  optionsFingerprint,
  type VariantDraft,
  variantBody,
  variantChanges,
  variantDraftOf,
} from "./variants.ts";

/*
 * The product editor's state and its save rules, without a line of markup: the draft of the
 * product's own fields, its options and variant rows, what is unsaved, and each save (the product,
 * one variant, the whole), with the API's answers adopted as they come. The rules that need no
 * state are in product-draft.ts.
 */

/** The sentence that says which variant rows could not be saved. */
const rowsRefused = (failed: number, productSaved: boolean) =>
  `${productSaved ? "The product is saved, but " : ""}${
    failed === 1 ? "1 variant could not be saved: see its row" : `${failed} variants could not be saved: see their rows`
  }.`;

/** Where the editor sends staff after a save that leaves the page, and whether it just created the product. */
export interface EditorRoute {
  navigate: (to: string, options: { replace: true; state?: { created: true } }) => void;
  created: boolean;
}

/** The editor of one product (null: a new one), with its state and every save. */
export function createProductEditor(initial: AdminProduct | null, shopCurrency: string, route: EditorRoute) {
  const { navigate } = route;
  const [product, setProduct] = createSignal(initial);
  /** Shows the product as saved here, and wherever it is read next (no request repeats it). */
  const keep = (next: AdminProduct) => {
    setProduct(next);
    void setQuery(getAdminProduct, [next.id], next);
  };
  const currency = () => product()?.currency ?? shopCurrency;
  const [draft, setDraft] = createStore<Draft>(initial ? draftOf(initial) : emptyDraft());
  const [options, setOptions] = createStore<OptionDraft[]>(optionDraftsOf(initial?.options ?? []));
  const [rows, setRows] = createStore<VariantDraft[]>(
    initial ? initial.variants.map((v) => variantDraftOf(v, currency())) : [newVariantDraft()],
  );
  const [saved, setSaved] = createSignal(fingerprint(unwrap(draft), unwrap(options)));
  const markSaved = (next = unwrap(draft)) => setSaved(fingerprint(next, unwrap(options)));
  const productDirty = createMemo(() => fingerprint(draft, options) !== saved());
  const dirty = createMemo(() => productDirty() || (!!product() && rows.some((row) => isDirty(row, currency()))));
  // Saves change what the products' list shows: it is read again when next shown.
  const form = createForm({ refresh: [getProductsPage.key] });
  const upload = createForm();
  const removal = createForm({ refresh: [getProductsPage.key] });
  /** What happened to the variants that no row is left to say (a deleted one). */
  const [variantsNotice, setVariantsNotice] = createSignal("");
  /** Said by the save bar until the first save: the product was created just before this page opened. */
  const createdNotice = route.created ? "Product created." : undefined;
  const [blocked, setBlocked] = createSignal(false);

  // Each saved product's variant is saved on its own: a form and a refused deletion per row. A save
  // may move its stock, so its history (when open) is read again.
  const owner = getOwner();
  const rowForms = new Map<number, Form>();
  const formOf = (key: number) => {
    let rowForm = rowForms.get(key);
    if (!rowForm) {
      // Made when a row first needs it, but owned by the editor: it needs the router, and lives as long.
      rowForm = runWithOwner(owner, () =>
        createForm({ refresh: [getStockHistoryPage.key, getProductsPage.key] }),
      ) as Form;
      rowForms.set(key, rowForm);
    }
    return rowForm;
  };
  const [refused, setRefused] = createSignal<ReadonlySet<number>>(new Set());
  const refuse = (key: number, on: boolean) =>
    setRefused((set) => {
      const next = new Set(set);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  const err = (path: string) => form.errors()[path];

  /** A row's problem with a field: its own save's, or (for a new product) the product's, by index. */
  const variantError = (index: number, field: string) => {
    const row = rows[index];
    const own = row && product() ? formOf(row.key).errors()[field] : undefined;
    if (own) return own;
    if (product()) return undefined;
    return err(`variants.${index}.${field}`) ?? (rows.length === 1 && field in variantFields ? err(field) : undefined);
  };
  /** Problems the API filed under a variant field without saying which variant (a new product's SKU taken). */
  const unplaced = () =>
    rows.length > 1 && !product()
      ? Object.entries(variantFields).flatMap(([field, label]) => (err(field) ? [`${label}: ${err(field)}`] : []))
      : [];

  /** Adopts the product as saved: its fields, and each variant row that has no changes of its own. */
  const adopt = (next: AdminProduct) => {
    keep(next);
    setDraft(draftOf(next));
    if (optionsFingerprint(options) !== optionsFingerprint(optionDraftsOf(next.options)))
      setOptions(optionDraftsOf(next.options));
    setRows((list) =>
      list.flatMap((row) => {
        if (!row.saved) return [row];
        const fresh = next.variants.find((v) => v.id === row.saved?.id);
        if (isDirty(row, currency())) return [fresh ? { ...row, saved: fresh } : row];
        return fresh ? [variantDraftOf(fresh, currency(), row.key)] : [];
      }),
    );
    markSaved();
  };

  /** Puts a variant as saved into the product (its totals follow) and its row. */
  const placeVariant = (key: number, variant: AdminVariant) => {
    setRows((list) => list.map((row) => (row.key === key ? variantDraftOf(variant, currency(), key) : row)));
    const current = product();
    if (current) {
      const others = current.variants.filter((v) => v.id !== variant.id);
      keep({ ...current, variants: [...others, variant].sort((a, b) => a.position - b.position) });
    }
  };

  /** Saves one variant row of a saved product (its changes, or the new variant); true when it worked. */
  const saveRow = async (key: number): Promise<boolean> => {
    const current = product();
    const row = rows.find((r) => r.key === key);
    if (!current || !row) return false;
    const rowForm = formOf(key);
    await rowForm.run(async () => {
      const check = createChecks(currency());
      const param = { id: current.id };
      if (row.saved) {
        const json = variantChanges(check, { ...row, saved: row.saved });
        check.done();
        if (!json) return "Nothing to save.";
        const next = await read(
          api.admin.products[":id"].variants[":variantId"].$patch({
            param: { ...param, variantId: row.saved.id },
            json,
          }),
        );
        placeVariant(key, next);
        return json.stockQty === undefined ? "Saved." : `Saved; the stock change is in its history.`;
      }
      const json = variantBody(check, "", options, row, takenBy(options, rows, key));
      check.done();
      placeVariant(key, await read(api.admin.products[":id"].variants.$post({ param, json })));
      return "Variant added.";
    });
    return !rowForm.error();
  };

  const removeRow = async (key: number) => {
    const current = product();
    const row = rows.find((r) => r.key === key);
    if (!current || !row?.saved) return;
    const variantId = row.saved.id;
    const title = row.saved.title;
    await formOf(key).run(async () => {
      try {
        await read(api.admin.products[":id"].variants[":variantId"].$delete({ param: { id: current.id, variantId } }));
      } catch (failure) {
        if (isConflict(failure)) refuse(key, true);
        throw failure;
      }
      setRows((list) => list.filter((r) => r.key !== key));
      keep({ ...current, variants: current.variants.filter((v) => v.id !== variantId) });
      setVariantsNotice(`${title} was deleted.`);
      return undefined;
    });
  };

  const deactivateRow = (key: number) => {
    const current = product();
    const row = rows.find((r) => r.key === key);
    if (!current || !row?.saved) return;
    const variantId = row.saved.id;
    void formOf(key).run(async () => {
      const next = await read(
        api.admin.products[":id"].variants[":variantId"].$patch({
          param: { id: current.id, variantId },
          json: { active: false },
        }),
      );
      placeVariant(key, next);
      refuse(key, false);
      return `${next.title} is deactivated: it is no longer sold, and its orders keep it.`;
    });
  };

  /** Saves the product (a new one whole), then every variant with changes, each on its own. */
  const save = () =>
    form.run(async () => {
      const current = product();
      if (!current) {
        const created = await read(
          api.admin.products.$post({ json: newProductBody(currency(), draft, options, rows) }),
        );
        markSaved();
        // The editor it opens shows the product as the API answered, without reading it again.
        void setQuery(getAdminProduct, [created.id], created);
        navigate(`/admin/products/${created.id}`, { replace: true, state: { created: true } });
        return "Product created.";
      }
      const changed = productDirty();
      if (changed) {
        const check = createChecks(currency());
        const fields = productFields(check, draft);
        const optionList = optionsBody(check, options);
        check.done();
        const optionsChanged = optionsFingerprint(options) !== optionsFingerprint(optionDraftsOf(current.options));
        const json = optionsChanged ? { ...fields, options: optionList } : fields;
        adopt(await read(api.admin.products[":id"].$patch({ param: { id: current.id }, json })));
      }
      // One refused variant never holds the others back.
      const pending = rows.filter((row) => isDirty(row, currency())).map((row) => row.key);
      let failed = 0;
      for (const key of pending) if (!(await saveRow(key))) failed++;
      if (failed > 0) throw new FormInvalid({}, rowsRefused(failed, changed));
      return changed || pending.length > 0 ? "Saved." : "Nothing to save: no changes.";
    });

  const addImages = (files: FileList | null) => {
    if (!files || files.length === 0) return;
    const list = [...files];
    void upload.run(async () => {
      for (const file of list) {
        const stored = await uploadImage(file);
        setDraft("gallery", (gallery) => [...gallery, { key: nextKey(), url: stored.url, alt: "" }]);
      }
      return `${list.length === 1 ? "Image uploaded" : `${list.length} images uploaded`}: describe ${list.length === 1 ? "it" : "them"}, then save the product.`;
    });
  };

  const remove = () =>
    removal.run(async () => {
      const current = product();
      if (!current) return;
      try {
        await read(api.admin.products[":id"].$delete({ param: { id: current.id } }));
        showToast(`${current.name} is deleted.`);
        navigate("/admin/products", { replace: true });
      } catch (failure) {
        if (isConflict(failure)) setBlocked(true);
        throw failure;
      }
    });

  const deactivate = () =>
    removal.run(async () => {
      const current = product();
      if (!current) return;
      const next = await read(api.admin.products[":id"].$patch({ param: { id: current.id }, json: { active: false } }));
      keep(next);
      setDraft("active", false);
      markSaved({ ...unwrap(draft), active: false });
      setBlocked(false);
      return "The product is deactivated: it is no longer sold, and its orders keep it.";
    });

  return {
    product,
    currency,
    draft,
    setDraft,
    options,
    setOptions,
    rows,
    setRows,
    dirty,
    form,
    upload,
    removal,
    variantsNotice,
    createdNotice,
    blocked,
    err,
    variantError,
    unplaced,
    categories: createAsync(() => getCategories()),
    brands: createAsync(() => getBrands()),
    rowActions: {
      form: (key: number) => (product() ? formOf(key) : undefined),
      save: (key: number) => void saveRow(key),
      remove: removeRow,
      deactivate: deactivateRow,
      blocked: (key: number) => refused().has(key),
    },
    save,
    addImages,
    remove,
    deactivate,
    addVariant: () => setRows((list) => [...list, newVariantDraft(list.at(-1))]),
    addCombinations: () => setRows((list) => withEveryCombination(options, list)),
    usedValue: (name: string, value: string) =>
      (product()?.variants ?? []).some((v) => v.options[name.trim()] === value.trim()),
    activeVariants: () => (product()?.variants ?? []).filter((v) => v.active),
  };
}

export type ProductEditor = ReturnType<typeof createProductEditor>;
