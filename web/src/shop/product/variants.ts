/** The parts of a product that choosing a variant needs (the catalog's and the admin's shapes both fit). */
export interface Choosable {
  id: string;
  options: Record<string, string>;
  stockQty: number;
}
export interface OptionOf {
  name: string;
  values: string[];
}

/** What choosing a value would give: a variant in stock, one sold out, or no variant at all. */
export type ValueState = "available" | "sold_out" | "missing";

/** The title a shop shows for a variant: nothing for a product's only, default one. */
export const variantLabel = (title: string) => (title === "Default" ? "" : title);

const has = (variant: Choosable, choice: Record<string, string>) =>
  Object.entries(choice).every(([name, value]) => variant.options[name] === value);

/** The values chosen for the options before `index`, as the shopper reads them (top to bottom). */
const before = (options: OptionOf[], selected: Choosable, index: number) =>
  Object.fromEntries(options.slice(0, index).map((o) => [o.name, selected.options[o.name] as string]));

/**
 * The variant shown first: the one the address names, if it is sold here; otherwise the first in
 * stock; otherwise the first.
 */
export function initialVariant<V extends Choosable>(variants: V[], wanted?: string): V | undefined {
  return (
    variants.find((v) => v.id === wanted) ?? variants.find((v) => v.stockQty > 0) ?? (variants[0] as V | undefined)
  );
}

/**
 * Each value of each option with what choosing it gives, option by option: a value is available when
 * a variant in stock has it together with the values already chosen for the options above it. So the
 * first option offers every value that is in stock anywhere, and no choice ever leads to a dead end.
 */
export function valueStates<V extends Choosable>(
  options: OptionOf[],
  variants: V[],
  selected: V,
  stockOf: (variant: V) => number = (v) => v.stockQty,
): { name: string; values: { value: string; state: ValueState }[] }[] {
  return options.map((option, index) => {
    const above = before(options, selected, index);
    return {
      name: option.name,
      values: option.values.map((value) => {
        const candidates = variants.filter((v) => has(v, { ...above, [option.name]: value }));
        const state: ValueState =
          candidates.length === 0 ? "missing" : candidates.some((v) => stockOf(v) > 0) ? "available" : "sold_out";
        return { value, state };
      }),
    };
  });
}

/**
 * The variant a shopper gets by choosing `value` for option `name`: the options above keep their
 * values; below it, a variant in stock is preferred, then one keeping as many of the current values.
 */
export function pick<V extends Choosable>(
  options: OptionOf[],
  variants: V[],
  selected: V,
  name: string,
  value: string,
  stockOf: (variant: V) => number = (v) => v.stockQty,
): V | undefined {
  const index = options.findIndex((o) => o.name === name);
  if (index < 0) return undefined;
  const wanted = { ...before(options, selected, index), [name]: value };
  const below = options.slice(index + 1);
  const score = (v: V) =>
    (stockOf(v) > 0 ? below.length + 1 : 0) +
    below.filter((o) => v.options[o.name] === selected.options[o.name]).length;
  let best: V | undefined;
  for (const variant of variants) {
    if (has(variant, wanted) && (!best || score(variant) > score(best))) best = variant;
  }
  return best;
}
