/**
 * How a product's options become its variants, the one place for it: the admin API, the seed and the
 * admin app all make variants with these rules.
 */

/** An option as variants are made from it: its name and its values, in the order shoppers see them. */
export interface OptionValues<V = string> {
  name: string;
  values: readonly V[];
}

/** Every combination of the options' values, in their order: one per variant of a fully stocked product. */
export function combinationsOf<V>(options: readonly OptionValues<V>[]): Record<string, V>[] {
  return options.reduce<Record<string, V>[]>(
    (all, option) => all.flatMap((partial) => option.values.map((value) => ({ ...partial, [option.name]: value }))),
    [{}],
  );
}

/** A variant's title: its values in the options' order (`M / Blue`), `Default` for a product without options. */
export const variantTitle = (options: readonly { name: string }[], combination: Record<string, string>) =>
  options.map((option) => combination[option.name]).join(" / ") || "Default";

/** The longest SKU the shop takes (the API's SKU rule). */
export const maxSkuLength = 64;

/**
 * A variant's SKU when none is given: the product's slug and the variant's title, upper-cased, every
 * run of other characters a dash, at most 64 characters (`royal-tee` in `M / Blue` is `ROYAL-TEE-M-BLUE`).
 */
export const defaultSku = (slug: string, title: string) =>
  `${slug}${title === "Default" ? "" : `-${title}`}`
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "-")
    .slice(0, maxSkuLength);
