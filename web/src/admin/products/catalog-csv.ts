import type { CatalogCsvColumn } from "../../../../worker/schemas/catalog-csv-columns.ts";
import type { LineError } from "../../../../worker/schemas/catalog-import.ts";
import { ApiError } from "../../lib/http.ts";
import type { AdminProduct, Brand, Category } from "../lib/types.ts";

export type CatalogLine = Record<CatalogCsvColumn, string>;

/** Minor units as the file writes money, in currency units with two decimals: 4990 → "49.90". */
export function csvAmount(minor: number | null): string {
  if (minor === null) return "";
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, "0")}`;
}

/** A variant's option values in the product's option order: `Size=M; Colour=Blue`. */
export const optionsCell = (product: Pick<AdminProduct, "options">, options: Record<string, string>) =>
  product.options
    .filter((option) => options[option.name] !== undefined)
    .map((option) => `${option.name}=${options[option.name]}`)
    .join("; ");

/** The catalog as the import reads it: one line per variant (inactive ones too), products by slug. */
export function catalogLines(products: AdminProduct[], categories: Category[], brands: Brand[]): CatalogLine[] {
  const categorySlug = new Map(categories.map((c) => [c.id, c.slug]));
  const brandSlug = new Map(brands.map((b) => [b.id, b.slug]));
  return products.flatMap((product) =>
    [...product.variants]
      .sort((a, b) => a.position - b.position)
      .map((variant) => ({
        slug: product.slug,
        name: product.name,
        description: product.description,
        category: (product.categoryId && categorySlug.get(product.categoryId)) || "",
        brand: (product.brandId && brandSlug.get(product.brandId)) || "",
        active: String(product.active),
        sku: variant.sku,
        options: optionsCell(product, variant.options),
        price: csvAmount(variant.price),
        oldPrice: csvAmount(variant.oldPrice),
        discount: csvAmount(variant.discount),
        shippingAmount: csvAmount(variant.shippingAmount),
        stockQty: String(variant.stockQty),
        lowStockThreshold: String(variant.lowStockThreshold),
        variantActive: String(variant.active),
      })),
  );
}

const isLineError = (value: unknown): value is LineError =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as LineError).line === "number" &&
  typeof (value as LineError).message === "string";

/** The import's refusal of a file, line by line (`details: [{ line, column, message }]`), if it is one. */
export function lineErrors(error: unknown): LineError[] | null {
  if (!(error instanceof ApiError) || error.status !== 400 || !Array.isArray(error.details)) return null;
  const errors = error.details.filter(isLineError);
  return errors.length > 0 && errors.length === error.details.length ? errors : null;
}
