import { z } from "@hono/zod-openapi";
import { promotionKind, promotionMethod, promotionStatus } from "../../db/schema.ts";
import { maxLineQuantity } from "../domain/limits.ts";
import { amountIn, isoDateTime, listSchema, money, pageQuery, timestamp } from "./common.ts";

const eachOnce = <T>(values: T[]) => new Set(values).size === values.length;
const ids = z.array(z.uuid()).max(500).refine(eachOnce, "each id once");
const kinds = z.enum(promotionKind.enumValues);
const percent = z.number().int().min(1).max(100);
const positive = amountIn.min(1);
const quantity = z.number().int().min(1).max(maxLineQuantity);

/** Which lines an action or condition is about; nothing named: every line. */
export const targetSchema = z
  .object({
    productIds: ids.optional(),
    variantIds: ids.optional(),
    categoryIds: ids.optional(),
    brandIds: ids.optional(),
    excludeProductIds: ids.optional(),
    excludeCategoryIds: ids.optional(),
    excludeBrandIds: ids.optional(),
  })
  .openapi("PromotionTarget");

const namesLines = (t: z.infer<typeof targetSchema>) =>
  [t.productIds, t.variantIds, t.categoryIds, t.brandIds].some((list) => list?.length);

/** What a promotion takes off (worker/domain/promotions.ts `PromotionAction`). */
export const actionSchema = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("percent"), percent, target: targetSchema.optional(), cap: positive.optional() }),
    z.object({ type: z.literal("fixed"), amount: positive }),
    z.object({
      type: z.literal("fixed_price"),
      price: amountIn,
      target: targetSchema.refine(namesLines, "name the products, variants, categories or brands sold at this price"),
    }),
    z.object({ type: z.literal("free_shipping"), methodIds: ids.optional() }),
    z.object({
      type: z.literal("bxgy"),
      buy: targetSchema,
      buyQuantity: quantity,
      get: targetSchema,
      getQuantity: quantity,
      percent,
      maxApplications: quantity.optional(),
    }),
  ])
  .openapi("PromotionAction");

export const conditionsSchema = z
  .object({
    minSubtotal: positive.optional(),
    minQuantity: quantity.optional(),
    customer: z
      .object({ signedIn: z.boolean().optional(), firstOrder: z.boolean().optional(), accountIds: ids.optional() })
      .optional(),
  })
  .openapi("PromotionConditions");

const fields = {
  name: z.string().trim().min(1).max(120),
  method: z.enum(promotionMethod.enumValues),
  kind: kinds,
  status: z.enum(promotionStatus.enumValues),
  startsAt: isoDateTime.nullable(),
  endsAt: isoDateTime.nullable(),
  priority: z.number().int().min(-1_000_000).max(1_000_000),
  combinesWith: z.array(kinds).max(3).refine(eachOnce, "each kind once"),
  usageLimit: positive.nullable(),
  perCustomerLimit: positive.nullable(),
  budget: positive.nullable(),
  conditions: conditionsSchema,
  action: actionSchema,
};

/** A shared code as shoppers type it; stored only as its hash. */
export const sharedCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9_-]{6,40}$/, "6 to 40 letters, digits, - or _");

interface Rules {
  kind: z.output<typeof kinds>;
  action: z.output<typeof actionSchema>;
  startsAt?: string | null;
  endsAt?: string | null;
}

/**
 * What the database's checks would refuse, said first and by field: the action must fit the kind
 * (shipping ⇔ free shipping; an order promotion takes a percent of everything or a fixed amount) and
 * the end must come after the start.
 */
export function promotionProblems(p: Rules): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const type = p.action.type;
  if (p.kind === "shipping" && type !== "free_shipping")
    problems.push({ path: "action.type", message: "a shipping promotion gives free shipping" });
  if (p.kind !== "shipping" && type === "free_shipping")
    problems.push({ path: "kind", message: "free shipping is a shipping promotion" });
  if (p.kind === "order" && !(type === "fixed" || (type === "percent" && !p.action.target)))
    problems.push({
      path: "action.type",
      message: "an order promotion takes a percent of the whole order or a fixed amount off",
    });
  if (p.startsAt && p.endsAt && Date.parse(p.endsAt) <= Date.parse(p.startsAt))
    problems.push({ path: "endsAt", message: "after startsAt" });
  return problems;
}

const refuseProblems = (value: Rules, ctx: z.RefinementCtx) => {
  for (const problem of promotionProblems(value))
    ctx.addIssue({ code: "custom", path: problem.path.split("."), message: problem.message });
};

const draftFields = {
  ...fields,
  status: fields.status.default("active"),
  startsAt: fields.startsAt.default(null),
  endsAt: fields.endsAt.default(null),
  priority: fields.priority.default(0),
  combinesWith: fields.combinesWith.default([]),
  usageLimit: fields.usageLimit.default(null),
  perCustomerLimit: fields.perCustomerLimit.default(null),
  budget: fields.budget.default(null),
  conditions: fields.conditions.default({}),
};

/** A new promotion; one by code may bring its one shared code. */
export const promotionBody = z
  .object({ ...draftFields, code: sharedCode.optional() })
  .superRefine((value, ctx) => {
    refuseProblems(value, ctx);
    if (value.code !== undefined && value.method !== "code")
      ctx.addIssue({ code: "custom", path: ["code"], message: "only a promotion by code has codes" });
  })
  .openapi("PromotionBody");
export type PromotionBody = z.output<typeof promotionBody>;

/** Any of a promotion's fields; the rules are checked against the promotion as it becomes. */
export const promotionChanges = z
  .object(fields)
  .partial()
  .refine((c) => Object.keys(c).length > 0, "give at least one field")
  .openapi("PromotionChanges");
export type PromotionChanges = z.output<typeof promotionChanges>;

export const promotionQuery = pageQuery.extend({
  status: z.enum(promotionStatus.enumValues).optional(),
  method: z.enum(promotionMethod.enumValues).optional(),
});

export const promotionStates = ["scheduled", "live", "paused", "ended", "used_up"] as const;

export const promotionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    method: fields.method,
    kind: kinds,
    status: fields.status,
    /** What it does now, on the server's clock. */
    state: z.enum(promotionStates),
    startsAt: timestamp.nullable(),
    endsAt: timestamp.nullable(),
    priority: z.number().int(),
    combinesWith: z.array(kinds),
    usageLimit: z.number().int().nullable(),
    perCustomerLimit: z.number().int().nullable(),
    budget: money.nullable(),
    usedCount: z.number().int(),
    discountGiven: money,
    codeCount: z.number().int(),
    conditions: conditionsSchema,
    action: actionSchema,
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi("Promotion");
export type PromotionView = z.infer<typeof promotionSchema>;

export const promotionListSchema = listSchema(promotionSchema, "PromotionList");

export const codesBody = z
  .object({
    count: z.number().int().min(1).max(5_000),
    prefix: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9_-]{0,20}$/, "up to 20 letters, digits, - or _")
      .optional(),
    usageLimit: positive.nullable().default(1),
  })
  .openapi("PromotionCodesBody");

export const generatedCodesSchema = z
  .object({ promotionId: z.string(), usageLimit: z.number().int().nullable(), codes: z.array(z.string()) })
  .openapi("GeneratedPromotionCodes");

export const promotionCodeSchema = z
  .object({
    id: z.string(),
    hint: z.string(),
    usageLimit: z.number().int().nullable(),
    usedCount: z.number().int(),
    createdAt: timestamp,
  })
  .openapi("PromotionCode");
export type PromotionCodeView = z.infer<typeof promotionCodeSchema>;
export const promotionCodeListSchema = listSchema(promotionCodeSchema, "PromotionCodeList");

export const previewBody = z
  .object({
    promotion: z.object(draftFields).superRefine(refuseProblems),
    /** The promotion being edited: its saved version is left out, the draft takes its place. */
    promotionId: z.uuid().optional(),
    items: z
      .array(z.object({ variantId: z.uuid(), quantity }))
      .min(1)
      .max(100)
      .refine((items) => eachOnce(items.map((i) => i.variantId)), "each variant once"),
    /** What shipping costs, for a free-shipping draft (none: 0). */
    shipping: amountIn.default(0),
    methodId: z.uuid().optional(),
  })
  .openapi("PromotionPreviewBody");
export type PreviewBody = z.output<typeof previewBody>;

export const previewSchema = z
  .object({
    currency: z.string(),
    items: z.array(
      z.object({
        variantId: z.string(),
        productId: z.string(),
        name: z.string(),
        variantTitle: z.string(),
        quantity: z.number().int(),
        unitPrice: money,
        lineTotal: money,
        discount: money,
      }),
    ),
    promotions: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        kind: kinds,
        amount: money,
        shipping: money,
        draft: z.boolean(),
      }),
    ),
    subtotal: money,
    discount: money,
    shipping: money,
    shippingDiscount: money,
  })
  .openapi("PromotionPreview");

export const promotionReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    currency: z.string(),
    items: z.array(
      z.object({
        promotionId: z.string(),
        name: z.string(),
        method: fields.method,
        kind: kinds,
        uses: z.number().int(),
        discount: money,
        shippingDiscount: money,
      }),
    ),
  })
  .openapi("PromotionReport");
