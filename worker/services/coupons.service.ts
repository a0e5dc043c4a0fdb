import { anywhere, quote } from "../domain/quote.ts";
import { cursorKeys, decodeCursor, pageOf } from "../lib/cursor.ts";
import { AppError } from "../lib/errors.ts";
import { withConstraints } from "../lib/pg-errors.ts";
import type { ActorContext, ShopContext } from "../platform/context.ts";
import { recordAudit } from "../repositories/audit.repository.ts";
import { cartLinesStatement } from "../repositories/cart.repository.ts";
import {
  type CouponRow,
  findCoupon,
  insertCoupon,
  insertGrant,
  listCoupons,
  listGrants,
  listUsableCoupons,
  type UserCouponRow,
  updateCoupon,
} from "../repositories/coupons.repository.ts";
import { offersStatement } from "../repositories/promotions.repository.ts";
import { shippingTaxConfigOf, shippingTaxConfigStatement } from "../repositories/shipping.repository.ts";
import { findUserById } from "../repositories/users.repository.ts";
import type { couponBody, couponChanges } from "../schemas/coupons.ts";
import { codeView, promoLinesOf } from "./cart-pricing.ts";
import { codeStateOf, pricingOffers } from "./offers.service.ts";
import { refuseBeyondOrderLimit } from "./order-limits.ts";

/** Why a granted coupon cannot be used now, as the contract's 409 codes. */
export function couponRefusal(row: UserCouponRow | undefined, subtotal: number): AppError | null {
  if (!row?.active) return new AppError("coupon_invalid", "This coupon code is not valid.");
  if (row.expired) return new AppError("coupon_expired", "This coupon has expired.", { expiresAt: row.expires_at });
  if (row.exhausted) return new AppError("coupon_exhausted", "This coupon has been used up.");
  if (subtotal < row.min_subtotal) {
    return new AppError("coupon_invalid", "The cart is below this coupon's minimum.", {
      minSubtotal: row.min_subtotal,
    });
  }
  return null;
}

export async function myCoupons(ctx: ShopContext, userId: string) {
  const rows = await listUsableCoupons(ctx.db, userId);
  return {
    items: rows.map((row) => ({
      code: row.code,
      title: row.title,
      kind: row.kind,
      value: row.value,
      expiresAt: row.expires_at,
      remainingUses: row.remaining_uses,
    })),
    serverTime: new Date().toISOString(),
    currency: ctx.config.currency,
  };
}

/** What the cart would cost with this coupon, in one round trip; the same pricing function as checkout. */
export async function previewCoupon(ctx: ShopContext, userId: string, code: string) {
  const [found, cart, shop] = await ctx.db.batch([
    offersStatement(ctx.db, { userId }, code),
    cartLinesStatement(ctx.db, userId),
    shippingTaxConfigStatement(ctx.db),
  ]);
  const offers = found.rows[0].offers;
  const coupon = offers.coupon ?? undefined;
  if (cart.rows.length === 0) throw new AppError("cart_empty", "The cart is empty.");
  const lines = cart.rows;
  refuseBeyondOrderLimit(lines);
  const subtotal = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  // A coupon of mine says why it cannot be used as before; a promotion code, as the cart says it.
  if (coupon) {
    const refusal = couponRefusal(coupon, subtotal);
    if (refusal) throw refusal;
  }
  const priced = pricingOffers(offers, userId, promoLinesOf(lines));
  // Priced as checkout prices it; without an address yet, for the rest of the world's zone and tax.
  const { order, promotions } = quote(shippingTaxConfigOf(shop), lines, anywhere, priced.promotions);
  const state = codeView(codeStateOf(priced, promoLinesOf(lines), promotions), ctx.config.currency);
  if (state && !state.applied) {
    throw new AppError("coupon_invalid", state.message ?? "This code does not apply.", {
      reason: state.reason,
      ...state.details,
    });
  }
  return {
    subtotal: order.subtotal,
    discount: order.discount,
    tax: order.tax,
    shipping: order.shippingAmount,
    total: order.total,
    currency: ctx.config.currency,
    promotions: promotions.map((a) => ({
      id: a.id,
      name: priced.names.get(a.id) ?? "",
      kind: a.kind,
      amount: a.amount,
      shipping: a.shipping,
    })),
  };
}

const adminView = (row: CouponRow) => ({
  id: row.id,
  title: row.title,
  kind: row.kind,
  value: row.value,
  validFor: row.validFor,
  usageLimit: row.usageLimit,
  perUserLimit: row.perUserLimit,
  minSubtotal: row.minSubtotal,
  maxDiscount: row.maxDiscount,
  usedCount: row.usedCount,
  active: row.active,
  createdAt: row.createdAt.toISOString(),
});

export async function listAllCoupons(ctx: ShopContext, page: { limit: number; cursor?: string }) {
  const before = page.cursor ? decodeCursor(page.cursor, cursorKeys.time) : undefined;
  const rows = await listCoupons(ctx.db, page.limit + 1, before);
  const listed = pageOf(rows, page.limit, (row) => [row.at, row.id]);
  return { ...listed, items: listed.items.map(adminView) };
}

export async function createCoupon(ctx: ActorContext, input: ReturnType<typeof couponBody.parse>) {
  const { actor } = ctx;
  return ctx.transaction(async (tx) => {
    const row = await insertCoupon(tx, {
      title: input.title,
      kind: input.kind,
      value: input.value,
      validFor: input.validFor,
      usageLimit: input.usageLimit ?? null,
      perUserLimit: input.perUserLimit,
      minSubtotal: input.minSubtotal,
      maxDiscount: input.maxDiscount ?? null,
      active: input.active,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "coupon.create",
      entity: "coupon",
      entityId: row.id,
      before: null,
      after: adminView(row),
    });
    return adminView(row);
  });
}

export async function changeCoupon(ctx: ActorContext, id: string, changes: ReturnType<typeof couponChanges.parse>) {
  const { active, ...terms } = changes;
  const { actor } = ctx;
  return withConstraints(
    () =>
      ctx.transaction(async (tx) => {
        const before = await findCoupon(tx, id);
        if (!before) throw new AppError("not_found", "No such coupon.");
        const after = await updateCoupon(tx, id, { ...terms, active });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "coupon.update",
          entity: "coupon",
          entityId: id,
          before: adminView(before),
          after: adminView(after),
        });
        return adminView(after);
      }),
    "coupon",
  );
}

/** A coupon's grants for staff, newest first, keyset-paged. */
export async function grantsOf(ctx: ShopContext, couponId: string, page: { limit: number; cursor?: string }) {
  if (!(await findCoupon(ctx.db, couponId))) throw new AppError("not_found", "No such coupon.");
  const before = page.cursor ? decodeCursor(page.cursor, cursorKeys.time) : undefined;
  const rows = await listGrants(ctx.db, couponId, page.limit + 1, before);
  return pageOf(rows, page.limit, (row) => [row.grantedAt, row.id]);
}

const codeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A code of the grant's own: 10 characters from an unambiguous alphabet (~50 bits). */
export function newCouponCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return `ROYAL-${[...bytes].map((b) => codeAlphabet[b % codeAlphabet.length]).join("")}`;
}

export async function grantCoupon(ctx: ActorContext, couponId: string, userId: string) {
  const { actor } = ctx;
  const grant = await ctx.transaction(async (tx) => {
    const [coupon, user] = await Promise.all([findCoupon(tx, couponId), findUserById(tx, userId)]);
    if (!coupon) throw new AppError("not_found", "No such coupon.");
    if (!user) throw new AppError("not_found", "No such user.", { field: "userId" });
    if (!coupon.active) throw new AppError("coupon_invalid", "This coupon is not active.");
    const grant = await insertGrant(tx, couponId, userId, newCouponCode());
    const view = {
      id: grant.id,
      code: grant.code,
      userId,
      couponId,
      grantedAt: grant.granted_at,
      expiresAt: grant.expires_at,
    };
    await recordAudit(tx, {
      actorId: actor.id,
      action: "coupon.grant",
      entity: "user_coupon",
      entityId: grant.id,
      before: null,
      after: view,
    });
    return view;
  });
  ctx.live.coupons(userId);
  return grant;
}
