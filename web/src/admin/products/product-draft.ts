import { formatMoney } from "../../lib/money.ts";
import { createChecks } from "../lib/checks.ts";
import type { AdminProduct } from "../lib/types.ts";
import {
  chosen,
  combinations,
  comboKey,
  maxVariants,
  newVariantDraft,
  nextKey,
  type OptionDraft,
  optionsBody,
  optionsFingerprint,
  type VariantDraft,
  variantBody,
} from "./variants.ts";

/*
 * The product editor's rules that need nothing but their arguments: the draft of the product's own
 * fields, what tells unsaved changes, and the bodies a save sends, checked.
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
  weightGrams: "Weight (g)",
  taxClassId: "Tax class",
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
export const takenBy = (options: OptionDraft[], rows: VariantDraft[], except: number) =>
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
