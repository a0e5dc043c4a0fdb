/**
 * Staff's side of promotions: define, change, pause, copy, give codes, preview and report. Every
 * change is one transaction with its audit row; a change that can alter what carts get tells every
 * open cart to price itself again once it committed.
 */
import { evaluatePromotions } from "../domain/promotions.ts";
import { cursorKeys, decodeCursor, pageOf } from "../lib/cursor.ts";
import { AppError } from "../lib/errors.ts";
import { pgError } from "../lib/pg-errors.ts";
import type { ActorContext, ShopContext } from "../platform/context.ts";
import { recordAudit } from "../repositories/audit.repository.ts";
import { linesOfItemsStatement } from "../repositories/orders.repository.ts";
import { offersStatement } from "../repositories/promotions.repository.ts";
import {
  findPromotion,
  insertCodes,
  insertCopy,
  insertPromotion,
  listCodes,
  listPromotions,
  type PromotionFilter,
  type StoredCode,
  updatePromotion,
  usageByPromotion,
} from "../repositories/promotions-admin.repository.ts";
import {
  type PreviewBody,
  type PromotionBody,
  type PromotionChanges,
  type PromotionView,
  promotionProblems,
} from "../schemas/promotions.ts";
import { bumpCatalogVersion } from "./catalog-version.ts";
import { pricingOffers, promotionOf } from "./offers.service.ts";

type Page = { limit: number; cursor?: string };

const noSuchPromotion = () => new AppError("not_found", "No such promotion.");

const audit = (ctx: ActorContext, action: string, id: string, before: unknown, after: unknown) => ({
  actorId: ctx.actor.id,
  action,
  entity: "promotion",
  entityId: id,
  before,
  after,
});

/** The table's checks that a change can still break (uses counted meanwhile), by the field they guard. */
const guarded: Record<string, { path: string; message: string }> = {
  promotions_used_within_limit: { path: "usageLimit", message: "cannot be below the uses already counted" },
  promotions_given_within_budget: { path: "budget", message: "cannot be below the discount already given" },
  promotions_ends_after_start: { path: "endsAt", message: "must be after startsAt" },
  promotions_action_fits_kind: { path: "action.type", message: "must fit the kind" },
};

async function withPromotionChecks<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const pg = pgError(error);
    const field = pg?.code === "23514" ? guarded[pg.constraint ?? ""] : undefined;
    if (!field) throw error;
    throw new AppError("invalid_request", `The promotion's ${field.path} ${field.message}.`, [field]);
  }
}

export async function listAllPromotions(ctx: ShopContext, query: Page & PromotionFilter) {
  const before = query.cursor ? decodeCursor(query.cursor, cursorKeys.time) : undefined;
  const rows = await listPromotions(ctx.db, query, query.limit + 1, before);
  return pageOf(rows, query.limit, (row) => [row.createdAt, row.id]);
}

export async function promotionById(ctx: ShopContext, id: string) {
  const found = await findPromotion(ctx.db, id);
  if (!found) throw noSuchPromotion();
  return found;
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

/** As checkout finds a code: the SHA-256 of its trimmed upper-case text; staff keep a hint of it. */
export async function storedCode(code: string): Promise<StoredCode> {
  const text = code.trim().toUpperCase();
  const hash = hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return { hash, hint: `${text.slice(0, 2)}…${text.slice(-2)}` };
}

export async function createPromotion(ctx: ActorContext, body: PromotionBody) {
  const { code, ...values } = body;
  const created = await withPromotionChecks(() =>
    ctx.transaction(async (tx) => {
      const id = await insertPromotion(tx, values);
      if (code !== undefined && (await insertCodes(tx, id, [await storedCode(code)], null)).size === 0)
        throw new AppError("conflict", "Another promotion already has this code.", [
          { path: "code", message: "taken" },
        ]);
      const view = (await findPromotion(tx, id)) as PromotionView;
      await recordAudit(tx, audit(ctx, "promotion.create", id, null, view));
      return view;
    }),
  );
  ctx.live.promotions();
  // Product pages name the item promotions live on them: their cached reads are dropped.
  await bumpCatalogVersion(ctx);
  return created;
}

/** Any field, a pause or a resumption among them; the rules hold for the promotion as it becomes. */
export async function changePromotion(ctx: ActorContext, id: string, changes: PromotionChanges) {
  const changed = await withPromotionChecks(() =>
    ctx.transaction(async (tx) => {
      const before = await findPromotion(tx, id, true);
      if (!before) throw noSuchPromotion();
      // Uses and codes were counted as what it was: an automatic promotion made from one by code
      // would open its codes' offer to everyone. Another one is a duplicate away.
      const remade = (["method", "kind"] as const).filter(
        (key) => changes[key] !== undefined && changes[key] !== before[key],
      );
      if (remade.length > 0 && (before.usedCount > 0 || before.codeCount > 0)) {
        throw new AppError(
          "conflict",
          "A promotion that was used or has codes keeps how it applies and what it is on: duplicate it to make another.",
          remade.map((path) => ({ path, message: "fixed once used or given codes" })),
        );
      }
      const problems = promotionProblems({ ...before, ...changes });
      if (problems.length > 0) throw new AppError("invalid_request", "The promotion is not valid.", problems);
      await updatePromotion(tx, id, changes);
      const after = (await findPromotion(tx, id)) as PromotionView;
      await recordAudit(tx, audit(ctx, "promotion.update", id, before, after));
      return after;
    }),
  );
  ctx.live.promotions();
  await bumpCatalogVersion(ctx);
  return changed;
}

/** A paused copy: nothing a cart gets changes until staff resume it. */
export async function duplicatePromotion(ctx: ActorContext, id: string) {
  return ctx.transaction(async (tx) => {
    const copyId = await insertCopy(tx, id);
    if (!copyId) throw noSuchPromotion();
    const copy = (await findPromotion(tx, copyId)) as PromotionView;
    await recordAudit(tx, audit(ctx, "promotion.duplicate", copyId, { copiedFrom: id }, copy));
    return copy;
  });
}

/** 32 characters without look-alikes (no I, O, 0, 1): a byte's low 5 bits pick one without bias. */
const codeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/** 12 characters of 5 bits: 60 bits, beyond guessing at any rate limit. */
const randomLength = 12;

export function newPromotionCode(prefix = ""): string {
  const bytes = crypto.getRandomValues(new Uint8Array(randomLength));
  return prefix + [...bytes].map((b) => codeAlphabet[b & 31]).join("");
}

/** Generates codes for a promotion by code; the answer is the only place they are ever shown. */
export async function generateCodes(
  ctx: ActorContext,
  promotionId: string,
  body: { count: number; prefix?: string; usageLimit: number | null },
) {
  return ctx.transaction(async (tx) => {
    const promotion = await findPromotion(tx, promotionId);
    if (!promotion) throw noSuchPromotion();
    if (promotion.method !== "code") throw new AppError("conflict", "Only a promotion by code takes codes.");
    const codes = new Set<string>();
    // A code whose hash another code holds is left out and replaced; at 60 bits, hardly ever.
    for (let round = 0; codes.size < body.count && round < 3; round++) {
      const fresh = new Set<string>();
      while (fresh.size < body.count - codes.size) fresh.add(newPromotionCode(body.prefix));
      const candidates = [...fresh].filter((code) => !codes.has(code));
      const stored = await Promise.all(candidates.map(storedCode));
      const added = await insertCodes(tx, promotionId, stored, body.usageLimit);
      for (const [i, code] of candidates.entries()) if (added.has(stored[i].hash)) codes.add(code);
    }
    if (codes.size < body.count) throw new AppError("conflict", "Could not make enough distinct codes; try again.");
    const summary = { count: codes.size, prefix: body.prefix ?? "", usageLimit: body.usageLimit };
    await recordAudit(tx, audit(ctx, "promotion.codes", promotionId, null, summary));
    return { promotionId, usageLimit: body.usageLimit, codes: [...codes] };
  });
}

export async function codesOf(ctx: ShopContext, promotionId: string, page: Page) {
  if (!(await findPromotion(ctx.db, promotionId))) throw noSuchPromotion();
  const before = page.cursor ? decodeCursor(page.cursor, cursorKeys.time) : undefined;
  const rows = await listCodes(ctx.db, promotionId, page.limit + 1, before);
  return pageOf(rows, page.limit, (row) => [row.createdAt, row.id]);
}

/**
 * What a sample cart would take with the draft among the live automatic promotions (in place of
 * its saved version when it is being edited), priced as carts are: for a shopper the draft's
 * customer conditions admit, whatever its status and dates. Writes nothing.
 */
export async function previewPromotion(ctx: ShopContext, body: PreviewBody) {
  const [read, offers] = await ctx.db.batch([linesOfItemsStatement(ctx.db, body.items), offersStatement(ctx.db, null)]);
  const lines = body.items.map((item) => read.rows.find((row) => row.variantId === item.variantId));
  const missing = lines.flatMap((line, i) =>
    line ? [] : [{ path: `items.${i}.variantId`, message: "no such variant" }],
  );
  if (missing.length > 0) throw new AppError("invalid_request", "The sample cart names unknown variants.", missing);
  const found = lines.filter((line) => line !== undefined);
  const live = pricingOffers(offers.rows[0].offers, null);
  const draft = body.promotion;
  const draftId = body.promotionId ?? "draft";
  // Editing: what the saved promotion already gave comes out of the draft's budget.
  const given = body.promotionId ? ((await findPromotion(ctx.db, body.promotionId))?.discountGiven ?? 0) : 0;
  const budgetLeft = draft.budget === undefined || draft.budget === null ? null : draft.budget - given;
  const promotions = [
    ...live.promotions.filter((p) => p.id !== draftId),
    promotionOf({ ...draft, id: draftId, budgetLeft }),
  ];
  const evaluation = evaluatePromotions(found, promotions, body.shipping, body.methodId);
  const items = found.map((line, i) => ({
    variantId: line.variantId,
    productId: line.productId,
    name: line.name,
    variantTitle: line.variantTitle,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    lineTotal: line.unitPrice * line.quantity,
    discount: evaluation.lineDiscounts[i],
  }));
  return {
    currency: ctx.config.currency,
    items,
    promotions: evaluation.applied.map((a) => ({
      id: a.id,
      name: a.id === draftId ? draft.name : (live.names.get(a.id) ?? ""),
      kind: a.kind,
      amount: a.amount,
      shipping: a.shipping,
      draft: a.id === draftId,
    })),
    subtotal: items.reduce((sum, item) => sum + item.lineTotal, 0),
    discount: evaluation.lineDiscounts.reduce((sum, share) => sum + share, 0),
    shipping: body.shipping,
    shippingDiscount: evaluation.shippingDiscount,
  };
}

const dayMs = 86_400_000;

/** Uses and discounts per promotion of the orders placed over [from, to) (1 to 366 days), less those given back. */
export async function promotionsReport(ctx: ShopContext, query: { from: string; to: string }) {
  const days = (Date.parse(query.to) - Date.parse(query.from)) / dayMs;
  if (!(days >= 1 && days <= 366)) {
    throw new AppError("invalid_request", "The range must span 1 to 366 days, with from before to.", [
      { path: "to", message: "range out of bounds" },
    ]);
  }
  const items = await usageByPromotion(ctx.db, query.from, query.to);
  return { from: query.from, to: query.to, currency: ctx.config.currency, items };
}
