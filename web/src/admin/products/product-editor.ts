import { createMemo, createSignal } from "solid-js";
import { createStore, unwrap } from "solid-js/store";
import { read } from "../../lib/http.ts";
import { formatMoney } from "../../lib/money.ts";
import { api } from "../../lib/session.ts";
import { createLoader } from "../lib/data.ts";
import { FormInvalid, isConflict } from "../lib/errors.ts";
import { createChecks, createForm, type Form } from "../lib/form.ts";
import type { AdminProduct, AdminVariant } from "../lib/types.ts";
import { loadBrands, loadCategories } from "../taxonomy/taxonomy.ts";
import { uploadImage } from "./images.ts";
import {
  chosen,
  combinations,
  comboKey,
  isDirty,
  maxVariants,
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
 * one variant, the whole), with the API's answers adopted as they come.
 */

/** The product's own fields as the editor holds them (lists keyed, so moving a row keeps its inputs). */
export interface Draft {
  name: string;
  slug: string;
  description: string;
  categoryId: string;
  brandId: string;
  active: boolean;
  features: { key: number; name: string; value: string }[];
  gallery: { key: number; url: string; alt: string }[];
}

export const emptyDraft = (): Draft => ({
  name: "",
  slug: "",
  description: "",
  categoryId: "",
  brandId: "",
  active: true,
  features: [],
  gallery: [],
});

export const draftOf = (p: AdminProduct): Draft => ({
  name: p.name,
  slug: p.slug,
  description: p.description,
  categoryId: p.categoryId ?? "",
  brandId: p.brandId ?? "",
  active: p.active,
  features: p.features.map((f) => ({ key: nextKey(), ...f })),
  gallery: p.gallery.map((g) => ({ key: nextKey(), ...g })),
});

/** What a draft says, without the list keys: compared to tell unsaved changes. */
export const fingerprint = (draft: Draft, options: OptionDraft[]) =>
  JSON.stringify({
    ...draft,
    features: draft.features.map(({ name, value }) => [name, value]),
    gallery: draft.gallery.map(({ url, alt }) => [url, alt]),
    options: optionsFingerprint(options),
  });

/** The fields of a variant that the API names without its index when it refuses a whole new product. */
export const variantFields: Record<string, string> = {
  sku: "SKU",
  price: "Price",
  discount: "Discount",
  oldPrice: "Old price",
  shippingAmount: "Shipping",
  stockQty: "Stock",
  lowStockThreshold: "Alert under",
};

/** "$12.00" or "$12.00 – $18.00": the range of prices customers pay. */
export const priceRangeText = (prices: number[], currency: string) => {
  const low = Math.min(...prices);
  const high = Math.max(...prices);
  return low === high ? formatMoney(low, currency) : `${formatMoney(low, currency)} – ${formatMoney(high, currency)}`;
};

type Checks = ReturnType<typeof createChecks>;

/** The product's own fields as the API takes them, checked. */
export function productFields(check: Checks, draft: Draft) {
  const name = check.text("name", draft.name, "A name");
  draft.features.forEach((feature, index) => {
    if (!feature.name.trim()) check.fail(`features.${index}.name`, "Give the feature a name.");
    if (!feature.value.trim()) check.fail(`features.${index}.value`, "Give the feature a value.");
  });
  return {
    name,
    ...(draft.slug.trim() ? { slug: draft.slug.trim() } : {}),
    description: draft.description,
    categoryId: draft.categoryId || null,
    brandId: draft.brandId || null,
    active: draft.active,
    features: draft.features.map(({ name: n, value }) => ({ name: n.trim(), value: value.trim() })),
    gallery: draft.gallery.map(({ url, alt }) => ({ url, alt: alt.trim() })),
  };
}

/** The combinations the other rows already take (a new row may not take one again). */
const takenBy = (options: OptionDraft[], rows: VariantDraft[], except: number) =>
  rows.filter((row) => row.key !== except).map((row) => comboKey(chosen(options, row)));

/** A new product with its options and variants, as one call takes it; throws `FormInvalid` naming each problem. */
export function newProductBody(currency: string, draft: Draft, options: OptionDraft[], rows: VariantDraft[]) {
  const check = createChecks(currency);
  const fields = productFields(check, draft);
  const optionList = optionsBody(check, options);
  if (options.length === 0 && rows.length > 1)
    check.fail("variants", "Without options a product is one variant: remove the others, or add an option.");
  if (rows.length > maxVariants) check.fail("variants", `A product has at most ${maxVariants} variants.`);
  const variants = rows.map((row, i) =>
    variantBody(check, `variants.${i}.`, options, row, takenBy(options, rows, row.key)),
  );
  check.done();
  return { ...fields, ...(optionList.length > 0 ? { options: optionList } : {}), variants };
}

/**
 * The rows once every combination of values that no variant has yet is added: rows still choosing
 * get the first missing ones, the rest are new rows, up to the most a product holds.
 */
export function withEveryCombination(options: OptionDraft[], rows: VariantDraft[]): VariantDraft[] {
  const have = new Set(rows.map((row) => comboKey(chosen(options, row))));
  const valuesOf = (choice: Record<number, number>) =>
    Object.fromEntries(
      options.map((o) => [o.name.trim(), o.values.find((v) => v.key === choice[o.key])?.value.trim()]),
    );
  const missing = combinations(options).filter((choice) => !have.has(comboKey(valuesOf(choice))));
  const next = rows.map((row) => {
    const incomplete = !row.saved && Object.values(chosen(options, row)).some((v) => v === undefined);
    return incomplete && missing.length > 0 ? { ...row, choice: missing.shift() as Record<number, number> } : row;
  });
  const room = Math.max(0, maxVariants - next.length);
  return [...next, ...missing.slice(0, room).map((choice) => newVariantDraft(next.at(-1), choice))];
}

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
  const form = createForm();
  const upload = createForm();
  const removal = createForm();
  const variantsNotice = createForm();
  const [blocked, setBlocked] = createSignal(false);
  if (route.created) form.setNotice("Product created.");

  // Each saved product's variant is saved on its own: a form, a refused deletion and a history per row.
  const rowForms = new Map<number, Form>();
  const formOf = (key: number) => {
    let rowForm = rowForms.get(key);
    if (!rowForm) {
      rowForm = createForm();
      rowForms.set(key, rowForm);
    }
    return rowForm;
  };
  const [refused, setRefused] = createSignal<ReadonlySet<number>>(new Set());
  const [versions, setVersions] = createSignal<ReadonlyMap<number, number>>(new Map());
  const bump = (key: number) => setVersions((map) => new Map(map).set(key, (map.get(key) ?? 0) + 1));
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
    const own = row ? rowForms.get(row.key)?.errors()[field] : undefined;
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
    setProduct(next);
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
      setProduct({ ...current, variants: [...others, variant].sort((a, b) => a.position - b.position) });
    }
    bump(key);
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
      setProduct({ ...current, variants: current.variants.filter((v) => v.id !== variantId) });
      variantsNotice.setNotice(`${title} was deleted.`);
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
      setProduct(next);
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
    blocked,
    err,
    variantError,
    unplaced,
    categories: createLoader(loadCategories),
    brands: createLoader(loadBrands),
    rowActions: {
      form: (key: number) => (product() ? formOf(key) : undefined),
      save: (key: number) => void saveRow(key),
      remove: removeRow,
      deactivate: deactivateRow,
      blocked: (key: number) => refused().has(key),
      version: (key: number) => versions().get(key) ?? 0,
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
