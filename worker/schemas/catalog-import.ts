import { z } from "@hono/zod-openapi";
import { type CatalogCsvColumn, catalogCsvColumns } from "./catalog-csv-columns.ts";
import { largestAmount } from "./common.ts";
import { unescapeFormula } from "./csv-formulae.ts";

/**
 * The catalog as a CSV file, one line per variant (its columns: catalog-csv-columns.ts): what staff
 * export, edit in a spreadsheet and import. Money is in currency units with up to two decimals
 * (`49.90`); `options` is `Size=M; Colour=Blue`, empty for a product without options.
 */

/** Largest file taken: about 5,000 lines. */
export const maxCatalogCsvBytes = 1024 * 1024;

export const catalogImportBody = z
  .object({
    csv: z
      .string()
      .min(1)
      .max(maxCatalogCsvBytes)
      .openapi({ description: "The CSV file's text, with its header line" }),
    dryRun: z
      .boolean()
      .default(false)
      .openapi({ description: "Check every line and answer the plan, writing nothing" }),
  })
  .openapi("CatalogImport");

/** A cell as written: the export's formula escape taken off, then trimmed. */
const cell = (value: string | undefined) => unescapeFormula(value ?? "").trim();
const empty = (value: string) => value === "";

const amount = z
  .string()
  .regex(/^\d{1,8}(\.\d{1,2})?$/, "an amount such as 49.90")
  .transform((text) => {
    const [units, cents = ""] = text.split(".");
    return Number(units) * 100 + Number(cents.padEnd(2, "0"));
  })
  .refine((minor) => minor <= largestAmount, "too large");
const count = z
  .string()
  .regex(/^\d{1,10}$/, "a whole number")
  .transform(Number)
  .refine((n) => n <= largestAmount, "too large");
const flag = z
  .enum(["true", "false", "yes", "no", "1", "0"])
  .transform((v) => v === "true" || v === "yes" || v === "1");
const optional = <T extends z.ZodType>(schema: T) =>
  z.string().transform((v, ctx) => {
    if (empty(v)) return undefined;
    const parsed = schema.safeParse(v);
    if (parsed.success) return parsed.data as z.output<T>;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
    return z.NEVER;
  });

const optionsCell = z.string().transform((text, ctx) => {
  const options: Record<string, string> = {};
  if (empty(text)) return options;
  for (const part of text.split(";")) {
    const [name, value, ...rest] = part.split("=").map((s) => s.trim());
    if (!name || !value || rest.length > 0 || name.length > 40 || value.length > 60 || name in options) {
      ctx.addIssue({ code: "custom", message: "options as Name=Value; Name=Value, each name once" });
      return z.NEVER;
    }
    options[name] = value;
  }
  if (Object.keys(options).length > 3) {
    ctx.addIssue({ code: "custom", message: "at most three options" });
    return z.NEVER;
  }
  return options;
});

/** One line of the file as the import reads it; empty cells leave what the shop has. */
export const catalogCsvLine = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lower-case words joined by hyphens")
    .max(120),
  name: optional(z.string().max(200)),
  description: optional(z.string().max(10_000)),
  category: optional(z.string().max(100)),
  brand: optional(z.string().max(100)),
  active: optional(flag),
  sku: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "letters, digits, dots, dashes and underscores"),
  options: optionsCell,
  price: optional(amount),
  oldPrice: optional(amount),
  discount: optional(amount),
  shippingAmount: optional(amount),
  stockQty: optional(count),
  lowStockThreshold: optional(count),
  variantActive: optional(flag),
});

export type CatalogCsvLine = z.output<typeof catalogCsvLine>;

/** Each cell of a parsed line, trimmed, keyed by column. */
export const cellsOf = (record: Record<string, string | undefined>) =>
  Object.fromEntries(catalogCsvColumns.map((column) => [column, cell(record[column])])) as Record<
    CatalogCsvColumn,
    string
  >;

/** What is wrong with one line of the file (line 1 is the header). */
export const lineErrorSchema = z
  .object({ line: z.number().int(), column: z.string().nullable(), message: z.string() })
  .openapi("CatalogImportLineError");

export const catalogImportResultSchema = z
  .object({
    dryRun: z.boolean(),
    lines: z.number().int(),
    products: z.object({ created: z.number().int(), updated: z.number().int() }),
    variants: z.object({ created: z.number().int(), updated: z.number().int() }),
  })
  .openapi("CatalogImportResult");

export type LineError = z.infer<typeof lineErrorSchema>;
export type CatalogImportResult = z.infer<typeof catalogImportResultSchema>;
