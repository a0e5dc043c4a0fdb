import { combinationsOf, variantTitle } from "../../../../worker/domain/variants.ts";
import type { Form } from "../../lib/form.ts";
import type { createChecks } from "../lib/checks.ts";
import { toAmount } from "../lib/money.ts";
import type { AdminProduct, AdminVariant } from "../lib/types.ts";

/*
 * The product editor's drafts of options and variants. Options and values carry keys of their own,
 * so a variant's choice follows a renamed option or value; a variant keeps the one it was saved as
 * (`saved`), against which its changes are told.
 */

type Checks = ReturnType<typeof createChecks>;

let keys = 0;
export const nextKey = () => ++keys;

export const maxOptions = 3;
export const maxVariants = 100;
const skuPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface ValueDraft {
  key: number;
  value: string;
}
export interface OptionDraft {
  key: number;
  name: string;
  values: ValueDraft[];
}
export interface VariantDraft {
  key: number;
  /** The variant as last saved; none for a variant not created yet. */
  saved?: AdminVariant;
  /** Option key → value key (variants not created yet only: a saved variant keeps its options). */
  choice: Record<number, number>;
  sku: string;
  price: string;
  discount: string;
  oldPrice: string;
  shippingAmount: string;
  stockQty: string;
  stockReason: string;
  lowStockThreshold: string;
  /** Grams; empty is 0. */
  weightGrams: string;
  /** Empty: the shop's default class (a new variant only). */
  taxClassId: string;
  active: boolean;
}

export const optionDraftsOf = (options: AdminProduct["options"]): OptionDraft[] =>
  options.map((o) => ({ key: nextKey(), name: o.name, values: o.values.map((value) => ({ key: nextKey(), value })) }));

export const variantDraftOf = (v: AdminVariant, currency: string, key = nextKey()): VariantDraft => ({
  key,
  saved: v,
  choice: {},
  sku: v.sku,
  price: toAmount(v.price, currency),
  discount: v.discount > 0 ? toAmount(v.discount, currency) : "",
  oldPrice: toAmount(v.oldPrice, currency),
  shippingAmount: v.shippingAmount > 0 ? toAmount(v.shippingAmount, currency) : "",
  stockQty: String(v.stockQty),
  stockReason: "",
  lowStockThreshold: String(v.lowStockThreshold),
  weightGrams: v.weightGrams > 0 ? String(v.weightGrams) : "",
  taxClassId: v.taxClassId,
  active: v.active,
});

/** A variant to create, with the money of `like` (the one before it) so a row of sizes is quick to fill. */
export const newVariantDraft = (like?: VariantDraft, choice: Record<number, number> = {}): VariantDraft => ({
  key: nextKey(),
  choice,
  sku: "",
  price: like?.price ?? "",
  discount: like?.discount ?? "",
  oldPrice: like?.oldPrice ?? "",
  shippingAmount: like?.shippingAmount ?? "",
  stockQty: "0",
  stockReason: "",
  lowStockThreshold: like?.lowStockThreshold ?? "",
  weightGrams: like?.weightGrams ?? "",
  taxClassId: like?.taxClassId ?? "",
  active: true,
});

/** What a draft says, without its keys: compared to tell unsaved changes. */
export const variantFingerprint = (d: VariantDraft) =>
  JSON.stringify([
    d.choice,
    d.sku,
    d.price,
    d.discount,
    d.oldPrice,
    d.shippingAmount,
    d.stockQty,
    d.lowStockThreshold,
    d.weightGrams,
    d.taxClassId,
    d.active,
  ]);

export const isDirty = (d: VariantDraft, currency: string) =>
  !d.saved || variantFingerprint(d) !== variantFingerprint(variantDraftOf(d.saved, currency, d.key));

export const optionsFingerprint = (options: OptionDraft[]) =>
  JSON.stringify(options.map((o) => [o.name.trim(), o.values.map((v) => v.value.trim())]));

/** The chosen value of each option, by name; undefined where a value is still to choose. */
export function chosen(options: OptionDraft[], draft: VariantDraft): Record<string, string | undefined> {
  if (draft.saved) return draft.saved.options;
  return Object.fromEntries(
    options.map((o) => [o.name.trim(), o.values.find((v) => v.key === draft.choice[o.key])?.value.trim()]),
  );
}

/** How staff call a variant: its saved title, or its values as chosen so far. */
export function titleOf(options: OptionDraft[], draft: VariantDraft, index: number): string {
  if (draft.saved) return draft.saved.title;
  const values = chosen(options, draft);
  const complete = Object.values(values).every(Boolean);
  return complete
    ? variantTitle(
        options.map((o) => ({ name: o.name.trim() })),
        values as Record<string, string>,
      )
    : `New variant ${index + 1}`;
}

/** A combination of option values in one canonical form (Postgres keeps JSON keys in an order of its own). */
export const comboKey = (combination: Record<string, string | undefined>) =>
  JSON.stringify(Object.entries(combination).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Every combination of the options' values, as option key → value key, in the options' order. */
export const combinations = (options: OptionDraft[]): Record<number, number>[] =>
  combinationsOf(options.map((option) => ({ name: String(option.key), values: option.values.map((v) => v.key) })));

/** The options as the API takes them, checked: names and values trimmed, each given once. */
export function optionsBody(check: Checks, options: OptionDraft[]) {
  const names = new Set<string>();
  return options.map((option, i) => {
    const name = check.text(`options.${i}.name`, option.name, "An option name");
    if (names.has(name)) check.fail(`options.${i}.name`, "Each option once.");
    names.add(name);
    if (option.values.length === 0) check.fail(`options.${i}.values`, "Give the option at least one value.");
    const values = new Set<string>();
    option.values.forEach((v, j) => {
      const value = check.text(`options.${i}.values.${j}`, v.value, "A value");
      if (values.has(value)) check.fail(`options.${i}.values.${j}`, "Each value once.");
      values.add(value);
    });
    return { name, values: [...values] };
  });
}

const blank = (text: string) => text.trim() === "";

function money(check: Checks, path: string, d: VariantDraft) {
  const price = check.money(`${path}price`, d.price);
  const discount = blank(d.discount) ? 0 : check.money(`${path}discount`, d.discount);
  const shippingAmount = blank(d.shippingAmount) ? 0 : check.money(`${path}shippingAmount`, d.shippingAmount);
  const oldPrice = check.optionalMoney(`${path}oldPrice`, d.oldPrice);
  if (discount > price) check.fail(`${path}discount`, "The discount cannot be more than the price.");
  return { price, discount, shippingAmount, oldPrice };
}

function sku(check: Checks, path: string, text: string) {
  const value = text.trim();
  if (value !== "" && !skuPattern.test(value))
    check.fail(
      `${path}sku`,
      "Letters, digits, dots, dashes and underscores, up to 64, starting with a letter or digit.",
    );
  return value;
}

/**
 * A variant to create, as the API takes it (`path` prefixes the field names its problems are filed
 * under: `variants.2.` when it is part of a new product). `taken` are the combinations other
 * variants have.
 */
export function variantBody(
  check: Checks,
  path: string,
  options: OptionDraft[],
  d: VariantDraft,
  taken: string[] = [],
) {
  const combination: Record<string, string> = {};
  for (const [name, value] of Object.entries(chosen(options, d))) {
    if (value === undefined) check.fail(`${path}options`, `Choose its ${name || "value"}.`);
    else combination[name] = value;
  }
  if (options.length > 0 && taken.includes(comboKey(combination)))
    check.fail(`${path}options`, "Another variant has these values.");
  const code = sku(check, path, d.sku);
  const threshold = check.optionalCount(`${path}lowStockThreshold`, d.lowStockThreshold);
  const weightGrams = check.optionalCount(`${path}weightGrams`, d.weightGrams);
  return {
    ...(weightGrams === null ? {} : { weightGrams }),
    ...(d.taxClassId ? { taxClassId: d.taxClassId } : {}),
    ...(code ? { sku: code } : {}),
    options: combination,
    ...money(check, path, d),
    stockQty: check.count(`${path}stockQty`, d.stockQty),
    ...(threshold === null ? {} : { lowStockThreshold: threshold }),
    active: d.active,
  };
}

/** What changed in a saved variant, as the API takes it; a stock change says why. Null: nothing. */
export function variantChanges(check: Checks, d: VariantDraft & { saved: AdminVariant }) {
  const was = d.saved;
  const next = money(check, "", d);
  const code = sku(check, "", d.sku);
  if (code === "") check.fail("sku", "A saved variant keeps a SKU.");
  const stockQty = check.count("stockQty", d.stockQty);
  const lowStockThreshold = check.count("lowStockThreshold", d.lowStockThreshold);
  const weightGrams = check.optionalCount("weightGrams", d.weightGrams) ?? 0;
  const stockChanged = stockQty !== was.stockQty;
  if (stockChanged && blank(d.stockReason))
    check.fail("stockReason", "Say why the stock changes: it is kept in the history.");
  const changes = {
    ...(code !== was.sku ? { sku: code } : {}),
    ...(next.price !== was.price ? { price: next.price } : {}),
    ...(next.discount !== was.discount ? { discount: next.discount } : {}),
    ...(next.oldPrice !== was.oldPrice ? { oldPrice: next.oldPrice } : {}),
    ...(next.shippingAmount !== was.shippingAmount ? { shippingAmount: next.shippingAmount } : {}),
    ...(stockChanged ? { stockQty, stockReason: d.stockReason.trim() } : {}),
    ...(lowStockThreshold !== was.lowStockThreshold ? { lowStockThreshold } : {}),
    ...(weightGrams !== was.weightGrams ? { weightGrams } : {}),
    ...(d.taxClassId && d.taxClassId !== was.taxClassId ? { taxClassId: d.taxClassId } : {}),
    ...(d.active !== was.active ? { active: d.active } : {}),
  };
  return Object.keys(changes).length > 0 ? changes : null;
}

/** What each variant row can do, as the editor gives it: save, delete or deactivate the row on its own. */
export interface VariantActions {
  /** The product exists: each variant is saved, added and deleted on its own. */
  productId?: string;
  form: (key: number) => Form | undefined;
  save: (key: number) => void;
  remove: (key: number) => Promise<void>;
  deactivate: (key: number) => void;
  /** Deleting it was refused: orders refer to it. */
  blocked: (key: number) => boolean;
}
