import { eq, sql } from "drizzle-orm";
import Papa from "papaparse";
import { products, productVariants } from "../../db/schema.ts";
import { AppError } from "../lib/errors.ts";
import { withConstraints } from "../lib/pg-errors.ts";
import type { ActorContext } from "../platform/context.ts";
import { auditProductStatement, importStateStatements } from "../repositories/admin-products.repository.ts";
import { catalogCsvColumns } from "../schemas/catalog-csv-columns.ts";
import {
  type CatalogCsvLine,
  type CatalogImportResult,
  catalogCsvLine,
  cellsOf,
  type LineError,
} from "../schemas/catalog-import.ts";
import {
  firstStock,
  newVariants,
  type Options,
  type Statement,
  variantStatements,
  withOptions,
} from "./admin-products.service.ts";
import { bumpCatalogVersion } from "./catalog-version.ts";

const stockReason = "CSV import";
const productColumns = ["name", "description", "category", "brand", "active"] as const;

interface Line {
  number: number;
  row: CatalogCsvLine;
}

/** Reads the file: every line checked on its own, errors named by line and column. */
function readLines(csv: string, errors: LineError[]): Line[] {
  const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: "greedy" });
  const header = parsed.meta.fields ?? [];
  const missing = catalogCsvColumns.filter((column) => !header.includes(column) && column !== "description");
  if (missing.length > 0) {
    errors.push({ line: 1, column: null, message: `the header lacks ${missing.join(", ")}` });
    return [];
  }
  for (const error of parsed.errors) {
    errors.push({ line: (error.row ?? 0) + 2, column: null, message: error.message });
  }
  const lines: Line[] = [];
  parsed.data.forEach((record, index) => {
    const number = index + 2;
    const result = catalogCsvLine.safeParse(cellsOf(record));
    if (result.success) lines.push({ number, row: result.data });
    else {
      for (const issue of result.error.issues) {
        errors.push({ line: number, column: String(issue.path[0] ?? ""), message: issue.message });
      }
    }
  });
  return lines;
}

const sameOptions = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/**
 * Imports a catalog file all or nothing: every line is checked (its cells, and against the others
 * and the shop) before anything is written; with any error, 400 lists them all by line and nothing
 * changes. Lines name a product by slug (new ones are created, known ones updated) and a variant by
 * SKU (likewise); empty cells leave what the shop has. The writes go in one transaction.
 */
export async function importCatalog(ctx: ActorContext, csv: string, dryRun: boolean): Promise<CatalogImportResult> {
  const errors: LineError[] = [];
  const lines = readLines(csv, errors);
  if (lines.length === 0 && errors.length === 0)
    errors.push({ line: 2, column: null, message: "the file has no lines" });

  const [known, skus, taxonomy] = await ctx.db.batch(
    importStateStatements(ctx.db, {
      slugs: [...new Set(lines.map((l) => l.row.slug))],
      skus: [...new Set(lines.map((l) => l.row.sku))],
      taxonomy: [...new Set(lines.flatMap((l) => [l.row.category, l.row.brand]).filter((s) => s !== undefined))],
    }),
  );
  const productBySlug = new Map(known.rows.map((p) => [p.slug, p]));
  const productOfSku = new Map(skus.rows.map((s) => [s.sku, s.slug]));
  const idOf = (kind: "category" | "brand", slug: string) =>
    taxonomy.rows.find((t) => t.kind === kind && t.slug === slug)?.id;

  const groups = new Map<string, Line[]>();
  for (const line of lines) groups.set(line.row.slug, [...(groups.get(line.row.slug) ?? []), line]);
  const skuLine = new Map<string, number>();
  const statements: Statement[] = [];
  const counts = { products: { created: 0, updated: 0 }, variants: { created: 0, updated: 0 } };

  for (const [slug, group] of groups) {
    const existing = productBySlug.get(slug);
    const fail = (line: Line, column: string | null, message: string) =>
      errors.push({ line: line.number, column, message });

    // Product cells: the lines of one product agree on each one they give.
    const fields: Partial<Record<(typeof productColumns)[number], string | boolean>> = {};
    const givenAt: Partial<Record<string, number>> = {};
    for (const line of group) {
      for (const column of productColumns) {
        const value = line.row[column];
        if (value === undefined) continue;
        if (fields[column] !== undefined && fields[column] !== value) {
          fail(line, column, `differs from line ${givenAt[column]} of the same product`);
        } else {
          fields[column] = value;
          givenAt[column] ??= line.number;
        }
      }
    }
    if (!existing && fields.name === undefined) fail(group[0], "name", "a new product needs a name");
    const categoryId = typeof fields.category === "string" ? idOf("category", fields.category) : undefined;
    if (typeof fields.category === "string" && !categoryId) fail(group[0], "category", "no such category");
    const brandId = typeof fields.brand === "string" ? idOf("brand", fields.brand) : undefined;
    if (typeof fields.brand === "string" && !brandId) fail(group[0], "brand", "no such brand");

    // Options: one set of names per product (a known product's own), values in order of appearance.
    const names = existing ? existing.options.map((o) => o.name) : Object.keys(group[0].row.options);
    const options: Options = existing
      ? existing.options.map((o) => ({ name: o.name, values: [...o.values] }))
      : names.map((name) => ({ name, values: [] }));
    for (const line of group) {
      const given = Object.keys(line.row.options);
      if (given.length !== names.length || !given.every((n) => names.includes(n))) {
        fail(
          line,
          "options",
          names.length ? `give a value for each of ${names.join(", ")}` : "this product has no options",
        );
        continue;
      }
      for (const option of options) {
        const value = line.row.options[option.name] as string;
        if (!option.values.includes(value)) {
          if (option.values.length >= 50) fail(line, "options", `${option.name} has 50 values already`);
          else option.values.push(value);
        }
      }
    }

    // Variants: by SKU, each once in the file and each combination once per product.
    const productId = existing?.id ?? crypto.randomUUID();
    const creates: { line: Line; row: CatalogCsvLine }[] = [];
    const seenCombinations: { options: Record<string, string>; line: number }[] = [];
    for (const line of group) {
      const { row } = line;
      const earlier = skuLine.get(row.sku);
      if (earlier !== undefined) fail(line, "sku", `also on line ${earlier}`);
      skuLine.set(row.sku, line.number);
      const twin = seenCombinations.find((c) => sameOptions(c.options, row.options));
      if (twin) fail(line, "options", `the same options as line ${twin.line}`);
      seenCombinations.push({ options: row.options, line: line.number });

      const owner = productOfSku.get(row.sku);
      if (owner !== undefined && owner !== slug) {
        fail(line, "sku", `the SKU of another product (${owner})`);
        continue;
      }
      const variant = existing?.variants.find((v) => v.sku === row.sku);
      if (variant) {
        if (!sameOptions(variant.options, row.options)) fail(line, "options", "a known SKU keeps its options");
        const price = row.price ?? variant.price;
        if ((row.discount ?? variant.discount) > price) fail(line, "discount", "above the price");
        statements.push(
          ...variantStatements(ctx, variant.id, {
            price: row.price,
            oldPrice: row.oldPrice,
            discount: row.discount,
            shippingAmount: row.shippingAmount,
            stockQty: row.stockQty,
            stockReason,
            lowStockThreshold: row.lowStockThreshold,
            active: row.variantActive,
          }),
        );
        counts.variants.updated += 1;
      } else {
        const taken = existing?.variants.find((v) => sameOptions(v.options, row.options));
        if (taken) fail(line, "options", `the product has these options with SKU ${taken.sku}`);
        if (row.price === undefined) fail(line, "price", "a new variant needs a price");
        else if ((row.discount ?? 0) > row.price) fail(line, "discount", "above the price");
        creates.push({ line, row });
      }
    }
    if (errors.length > 0) continue;

    const before = existing ? { slug, options: existing.options, variants: existing.variants } : null;
    if (existing) {
      const changes = {
        name: fields.name as string | undefined,
        description: fields.description as string | undefined,
        categoryId,
        brandId,
        active: fields.active as boolean | undefined,
      };
      if (Object.values(changes).some((v) => v !== undefined)) {
        statements.push(
          ctx.db
            .update(products)
            .set({ ...changes, updatedAt: sql`now()` })
            .where(eq(products.id, productId)),
        );
      }
      if (options.some((o, i) => o.values.length !== existing.options[i]?.values.length)) {
        statements.push(...withOptions(ctx.db, productId, options));
      }
      counts.products.updated += 1;
    } else {
      statements.push(
        ctx.db.insert(products).values({
          id: productId,
          slug,
          name: fields.name as string,
          description: (fields.description as string | undefined) ?? "",
          categoryId: categoryId ?? null,
          brandId: brandId ?? null,
          active: (fields.active as boolean | undefined) ?? true,
        }),
        ...withOptions(ctx.db, productId, options),
      );
      counts.products.created += 1;
    }
    if (creates.length > 0) {
      const variants = newVariants(
        productId,
        slug,
        options,
        creates.map(({ row }) => ({
          sku: row.sku,
          options: row.options,
          price: row.price,
          oldPrice: row.oldPrice,
          discount: row.discount,
          shippingAmount: row.shippingAmount,
          stockQty: row.stockQty ?? 0,
          lowStockThreshold: row.lowStockThreshold,
          active: row.variantActive,
        })),
        {},
        existing?.variants.length ?? 0,
      );
      statements.push(ctx.db.insert(productVariants).values(variants), firstStock(ctx.db, variants, ctx.actor.id));
      counts.variants.created += variants.length;
    }
    statements.push(
      auditProductStatement(
        ctx.db,
        { actorId: ctx.actor.id, action: existing ? "product.import" : "product.create", productId, before },
        ctx.config.currency,
      ),
    );
  }

  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line);
    throw new AppError("invalid_request", `The file has ${errors.length} error(s); nothing was imported.`, errors);
  }
  if (!dryRun && statements.length > 0) {
    await withConstraints(() => ctx.db.batch(statements as [Statement, ...Statement[]]), "product");
    await bumpCatalogVersion(ctx);
  }
  return { dryRun, lines: lines.length, ...counts };
}
