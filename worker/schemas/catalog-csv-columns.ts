/**
 * The catalog file's columns, in the order the import reads them and the admin app writes them.
 * A module of its own, without zod, so the web app and the browser tests read the same list.
 */
export const catalogCsvColumns = [
  "slug",
  "name",
  "description",
  "category",
  "brand",
  "active",
  "sku",
  "options",
  "price",
  "oldPrice",
  "discount",
  "shippingAmount",
  "stockQty",
  "lowStockThreshold",
  "variantActive",
] as const;

export type CatalogCsvColumn = (typeof catalogCsvColumns)[number];
