import { A } from "@solidjs/router";
import type { JSX } from "solid-js";
import type { StockRow } from "./reports.ts";

/** A column of a report's table, and of its CSV file. */
export interface Column<T> {
  label: string;
  cell: (row: T) => JSX.Element;
  /** The column in the CSV file (header and value). */
  csv: [string, (row: T) => string | number | boolean];
  numeric?: boolean;
}

export const productLink = (row: { id: string; name: string }) => <A href={`/admin/products/${row.id}`}>{row.name}</A>;

/** The product and variant columns every stock report starts with (a variant per row). */
export const variantColumns: Column<StockRow>[] = [
  { label: "Product", cell: (r) => productLink(r.product), csv: ["product", (r) => r.product.name] },
  { label: "Variant", cell: (r) => r.variant.title, csv: ["variant", (r) => r.variant.title] },
  { label: "SKU", cell: (r) => <code>{r.variant.sku}</code>, csv: ["sku", (r) => r.variant.sku] },
];

/** Whether a variant is for sale, the last column of some stock reports. */
export const forSaleColumn: Column<StockRow> = {
  label: "For sale",
  cell: (r) => (r.variant.active ? "Yes" : "No"),
  csv: ["active", (r) => r.variant.active],
};
