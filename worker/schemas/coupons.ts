import { z } from "@hono/zod-openapi";
import { couponKind, coupons } from "../../db/schema.ts";
import { appliedPromotionSchema } from "./cart.ts";
import { amountIn, listSchema, timestamp } from "./common.ts";
import { createSelectSchema } from "./tables.ts";

const durationPattern =
  /^P(?!$)(?:(\d{1,6})Y)?(?:(\d{1,6})M)?(?:(\d{1,6})W)?(?:(\d{1,6})D)?(?:T(?=\d)(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,6})S)?)?$/;
const secondsPer = [365.25 * 86_400, 30 * 86_400, 7 * 86_400, 86_400, 3_600, 60, 1];
/** A coupon's validity is at most ten years. */
const longestValidity = 10 * 365.25 * 86_400;

/** About how many seconds an ISO 8601 duration is (months as 30 days), or NaN when it is not one. */
function secondsOf(duration: string): number {
  const parts = durationPattern.exec(duration);
  if (!parts) return Number.NaN;
  return parts.slice(1).reduce((sum, part, i) => sum + Number(part ?? 0) * secondsPer[i], 0);
}

/** ISO 8601 durations as Postgres reads them (P7D, PT10M, P1DT12H), longer than zero, at most ten years. */
export const isoDuration = z
  .string()
  .regex(durationPattern, "an ISO 8601 duration such as P7D or PT10M")
  .refine((value) => secondsOf(value) > 0, "a duration longer than zero")
  .refine((value) => !(secondsOf(value) > longestValidity), "at most ten years")
  .openapi({ example: "P7D" });

export const myCouponSchema = z
  .object({
    code: z.string(),
    title: z.string(),
    kind: z.enum(couponKind.enumValues),
    value: z.number().int(),
    expiresAt: z.string(),
    remainingUses: z.number().int(),
  })
  .openapi("MyCoupon");

export type MyCoupon = z.infer<typeof myCouponSchema>;

export const myCouponsSchema = z
  .object({ items: z.array(myCouponSchema), serverTime: z.string(), currency: z.string() })
  .openapi("MyCoupons");

export const previewSchema = z
  .object({
    subtotal: z.number().int(),
    discount: z.number().int(),
    tax: z.number().int(),
    shipping: z.number().int(),
    total: z.number().int(),
    currency: z.string(),
    /** What takes part in `discount`: the promotions that apply, the coupon's share named "Discount (code)". */
    promotions: z.array(appliedPromotionSchema).optional(),
  })
  .openapi("CouponPreview");

const couponTerms = {
  title: z.string().trim().min(1).max(80),
  kind: z.enum(couponKind.enumValues),
  value: amountIn.min(1),
  validFor: isoDuration,
  usageLimit: amountIn.min(1).nullable(),
  perUserLimit: amountIn.min(1),
  minSubtotal: amountIn,
  maxDiscount: amountIn.nullable(),
  active: z.boolean(),
};
const percentAtMost100 = (c: { kind?: string; value?: number }) =>
  c.kind !== "percent" || c.value === undefined || c.value <= 100;
const percentMessage = { message: "a percent coupon is at most 100", path: ["value"] };

export const couponBody = z
  .object({
    ...couponTerms,
    usageLimit: couponTerms.usageLimit.optional(),
    perUserLimit: couponTerms.perUserLimit.default(1),
    minSubtotal: couponTerms.minSubtotal.default(0),
    maxDiscount: couponTerms.maxDiscount.optional(),
    active: couponTerms.active.default(true),
  })
  .refine(percentAtMost100, percentMessage);

/** Any of a coupon's terms; grants already made keep the expiry they were given. */
export const couponChanges = z
  .object(couponTerms)
  .partial()
  .refine((c) => Object.keys(c).length > 0, "give at least one term")
  .refine(percentAtMost100, percentMessage);

export const couponSchema = createSelectSchema(coupons)
  .omit({ createdAt: true, validFor: true })
  .extend({ validFor: isoDuration, createdAt: timestamp })
  .openapi("Coupon");

export const couponListSchema = listSchema(couponSchema, "CouponList");

export const grantBody = z.object({ userId: z.uuid() });

/** A grant as staff see it: whose, with its own expiry and how often it was used. */
export const grantViewSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    userId: z.string(),
    username: z.string(),
    grantedAt: timestamp,
    expiresAt: timestamp,
    uses: z.number().int(),
  })
  .openapi("CouponGrantView");

export const grantListSchema = listSchema(grantViewSchema, "CouponGrantList");
export type GrantView = z.infer<typeof grantViewSchema>;

export const previewBody = z.object({ code: z.string().trim().min(1).max(64) });

export const grantSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    userId: z.string(),
    couponId: z.string(),
    grantedAt: z.string(),
    expiresAt: z.string(),
  })
  .openapi("CouponGrant");
