import { eq, sql } from "drizzle-orm";
import { products } from "../../db/schema.ts";
import { AppError } from "../lib/errors.ts";
import { withConstraints } from "../lib/pg-errors.ts";
import type { ActorContext } from "../platform/context.ts";
import { auditProductStatement } from "../repositories/admin-products.repository.ts";
import {
  adjustStockStatement,
  adminProductsStatement,
  completeAuditStatement,
  setActiveStatement,
  type Targets,
} from "../repositories/admin-products-bulk.repository.ts";
import type { AdminProduct } from "../schemas/admin-products.ts";
import type {
  BulkProductOutcome,
  BulkProductsInput,
  BulkProductsResult,
  ProductRowChanges,
} from "../schemas/admin-products-bulk.ts";
import { largestAmount } from "../schemas/common.ts";
import { type Statement, variantStatements } from "./admin-products.service.ts";
import { bumpCatalogVersion } from "./catalog-version.ts";

/*
 * What staff do to several products at once, by the rules of one: put them up for sale or take them
 * off, adjust the stock of each by a number of units, or save each row's own changes. Each product's
 * change is audited and every stock change kept in its variant's history; a product the action
 * could not take stays as it was and says why. The catalog's cached reads are dropped once anything changed.
 */

type Refusal = { code: string; message: string; details?: unknown };

const refused = (id: string, product: AdminProduct | undefined, error: Refusal): BulkProductOutcome => ({
  id,
  ok: false,
  name: product?.name ?? null,
  error,
});

const noSuchProduct = { code: "not_found", message: "No such product" };

/** Each product's outcome in the order of `ids`, from the products read after the change. */
function outcomes(
  ids: string[],
  rows: AdminProduct[],
  why: (product: AdminProduct) => Refusal | null,
): BulkProductOutcome[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => {
    const product = byId.get(id);
    if (!product) return refused(id, undefined, noSuchProduct);
    const refusal = why(product);
    return refusal ? refused(id, product, refusal) : { id, ok: true, product };
  });
}

/** One conditional change of every product named, its audit rows completed and every product read, in one round trip. */
async function changeAll(
  ctx: ActorContext,
  ids: string[],
  change: (targets: Targets) => Statement,
): Promise<{ changed: Set<string>; rows: AdminProduct[] }> {
  const targets = ids.map((productId) => ({ productId, auditId: crypto.randomUUID() }));
  const [changed, , read] = (await ctx.db.batch([
    change(targets),
    completeAuditStatement(
      ctx.db,
      targets.map((t) => t.auditId),
      ctx.config.currency,
    ),
    adminProductsStatement(ctx.db, ids, ctx.config.currency),
  ] as unknown as [Statement, Statement, Statement])) as unknown as [
    { rows: { id: string }[] },
    unknown,
    { rows: AdminProduct[] },
  ];
  const done = new Set(changed.rows.map((row) => row.id));
  if (done.size > 0) await bumpCatalogVersion(ctx);
  return { changed: done, rows: read.rows };
}

const actorOf = (ctx: ActorContext) => ({ actorId: ctx.actor.id, currency: ctx.config.currency });

/** Puts products up for sale, or takes them off; one already so is left as it is, and counts as done. */
async function setActive(ctx: ActorContext, ids: string[], active: boolean) {
  const { rows } = await changeAll(ctx, ids, (targets) => setActiveStatement(ctx.db, targets, active, actorOf(ctx)));
  return outcomes(ids, rows, (product) =>
    product.active === active ? null : { code: "conflict", message: `${product.name} changed meanwhile: try again` },
  );
}

/** Why a product's stock was not adjusted by `delta`, from the product as it is now. */
function stockRefusal(product: AdminProduct, delta: number): Refusal {
  const count = product.variants.length;
  if (count !== 1) {
    return {
      code: "variant_required",
      message: `${product.name} has ${count} variants: change each one's stock on its page`,
    };
  }
  const stock = product.variants[0]?.stockQty ?? 0;
  if (stock + delta < 0) {
    return { code: "insufficient_stock", message: `${product.name} has ${stock} in stock: it cannot lose ${-delta}` };
  }
  if (stock + delta > largestAmount) {
    return { code: "invalid_request", message: `${product.name} would hold more than ${largestAmount} units` };
  }
  return { code: "conflict", message: `${product.name} changed meanwhile: try again` };
}

/**
 * Adds `delta` units (or takes them away) to each product with one variant, never below 0: the
 * condition is the update's own, so two adjustments at once cannot both take the last units.
 */
async function adjustStock(ctx: ActorContext, ids: string[], delta: number, reason: string) {
  const { changed, rows } = await changeAll(ctx, ids, (targets) =>
    adjustStockStatement(ctx.db, targets, { delta, reason }, actorOf(ctx)),
  );
  return outcomes(ids, rows, (product) => (changed.has(product.id) ? null : stockRefusal(product, delta)));
}

/**
 * The statements that save one row's changes to `product` (none when nothing changed), by the rules
 * of one product's change: a price for a product with one variant, stock of its own variants, each
 * stock change with its reason, and the audit row.
 */
function rowStatements(ctx: ActorContext, product: AdminProduct, row: ProductRowChanges): Statement[] {
  const statements: Statement[] = [];
  if (row.active !== undefined && row.active !== product.active) {
    statements.push(
      ctx.db.update(products).set({ active: row.active, updatedAt: sql`now()` }).where(eq(products.id, product.id)),
    );
  }
  const [only, ...others] = product.variants;
  if (row.price !== undefined && row.price !== only?.price) {
    if (!only || others.length > 0) {
      throw new AppError("variant_required", `${product.name} has several variants: set each one's price on its page`, [
        { path: "price", message: "the price of one variant" },
      ]);
    }
    statements.push(...variantStatements(ctx, only.id, { price: row.price }));
  }
  for (const [variantId, stockQty] of Object.entries(row.stock ?? {})) {
    const variant = product.variants.find((v) => v.id === variantId);
    if (!variant) {
      throw new AppError("invalid_request", `${product.name} has no such variant`, [
        { path: `stock.${variantId}`, message: "not a variant of this product" },
      ]);
    }
    if (stockQty !== variant.stockQty)
      statements.push(...variantStatements(ctx, variantId, { stockQty, stockReason: row.stockReason }));
  }
  if (statements.length === 0) return [];
  return [
    ...statements,
    auditProductStatement(
      ctx.db,
      { actorId: ctx.actor.id, action: "product.update", productId: product.id, before: product },
      ctx.config.currency,
    ),
  ];
}

const refusalOf = (error: AppError): Refusal => ({
  code: error.code,
  message: error.message.replace(/\.$/, ""),
  ...(error.details === undefined ? {} : { details: error.details }),
});

/**
 * Saves each row's changes: the products read in one round trip, every change written and every
 * product read back in a second. Should the database refuse one product's change, each product's
 * change is tried on its own, so only that one is refused.
 */
async function updateRows(ctx: ActorContext, rows: ProductRowChanges[]): Promise<BulkProductOutcome[]> {
  const ids = rows.map((row) => row.id);
  const before = new Map(
    (await adminProductsStatement(ctx.db, ids, ctx.config.currency)).rows.map((product) => [product.id, product]),
  );
  const work = new Map<string, Statement[]>();
  const refusals = new Map<string, Refusal>();
  for (const row of rows) {
    const product = before.get(row.id);
    if (!product) continue;
    try {
      work.set(row.id, rowStatements(ctx, product, row));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refusals.set(row.id, refusalOf(error));
    }
  }
  const statements = [...work.values()].flat();
  const read = () => adminProductsStatement(ctx.db, ids, ctx.config.currency);
  let after: AdminProduct[];
  if (statements.length === 0) after = [...before.values()];
  else {
    try {
      const results = await withConstraints(
        () => ctx.db.batch([...statements, read()] as unknown as [Statement, ...Statement[]]),
        "product",
      );
      after = (results.at(-1) as { rows: AdminProduct[] }).rows;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      after = await oneByOne(ctx, work, refusals, read);
    }
    await bumpCatalogVersion(ctx);
  }
  return outcomes(ids, after, (product) => refusals.get(product.id) ?? null);
}

/** Each product's changes in a batch of their own; a refused one says why in `refusals`. */
async function oneByOne(
  ctx: ActorContext,
  work: Map<string, Statement[]>,
  refusals: Map<string, Refusal>,
  read: () => Statement,
): Promise<AdminProduct[]> {
  await Promise.all(
    [...work].map(async ([id, statements]) => {
      if (statements.length === 0) return;
      try {
        await withConstraints(() => ctx.db.batch(statements as [Statement, ...Statement[]]), "product");
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        refusals.set(id, refusalOf(error));
      }
    }),
  );
  return ((await read()) as unknown as { rows: AdminProduct[] }).rows;
}

/** One action on several products, each product's outcome reported in the order given (each id once). */
export async function bulkProducts(ctx: ActorContext, input: BulkProductsInput): Promise<BulkProductsResult> {
  if (input.action === "update") return { action: input.action, results: await updateRows(ctx, input.products) };
  const ids = [...new Set(input.ids)];
  const results =
    input.action === "adjust_stock"
      ? await adjustStock(ctx, ids, input.delta, input.reason)
      : await setActive(ctx, ids, input.action === "activate");
  return { action: input.action, results };
}
