import { eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import {
  inventoryChanges,
  productFeatures,
  productImages,
  productOptions,
  products,
  productVariants,
} from "../../db/schema.ts";
import { defaultSku, variantTitle } from "../domain/variants.ts";
import { cursorKeys, decodeCursor, pageOf } from "../lib/cursor.ts";
import { AppError } from "../lib/errors.ts";
import { slugify, withConstraints } from "../lib/pg-errors.ts";
import type { ActorContext, ShopContext } from "../platform/context.ts";
import {
  type AdminProductSearch,
  adminProductStatement,
  auditProductStatement,
  findAdminProduct,
  findVariant,
  inventoryHistory,
  searchAdminProducts,
  setStockStatement,
} from "../repositories/admin-products.repository.ts";
import type {
  AdminProduct,
  AdminVariant,
  CreateProduct,
  UpdateProduct,
  VariantChanges,
  VariantInput,
} from "../schemas/admin-products.ts";
import { bumpCatalogVersion } from "./catalog-version.ts";

export type Options = { name: string; values: string[] }[];
export type Statement = Parameters<ShopContext["db"]["batch"]>[0][number];

const defaultStockReason = "changed by staff";

export async function searchProducts(
  ctx: ShopContext,
  search: AdminProductSearch & { limit: number; cursor?: string },
) {
  const after = search.cursor ? decodeCursor(search.cursor, cursorKeys.text) : undefined;
  const rows = await searchAdminProducts(ctx.db, search, search.limit + 1, ctx.config.currency, after);
  return pageOf(rows, search.limit, (row) => [row.name, row.id]);
}

export async function getAdminProduct(ctx: ShopContext, id: string): Promise<AdminProduct> {
  const product = await findAdminProduct(ctx.db, id, ctx.config.currency);
  if (!product) throw new AppError("not_found", "No such product.");
  return product;
}

/** A variant's options must name every option of the product once, with one of its values. */
function checkFits(options: Options, combination: Record<string, string>, path: string) {
  const names = Object.keys(combination);
  const fits =
    names.length === options.length &&
    options.every((option) => option.values.includes(combination[option.name] as string));
  if (!fits) {
    const expected = options.map((o) => `${o.name}: ${o.values.join("|")}`).join(", ") || "no options";
    throw new AppError("invalid_request", "The variant's options are not the product's.", [
      { path, message: `expected ${expected}` },
    ]);
  }
}

/** The rows of new variants: ids made here, so the whole product goes to Postgres in one batch. */
export function newVariants(
  productId: string,
  slug: string,
  options: Options,
  inputs: VariantInput[],
  defaults: {
    price?: number;
    oldPrice?: number | null;
    discount?: number;
    shippingAmount?: number;
    lowStockThreshold?: number;
    weightGrams?: number;
    taxClassId?: string;
  },
  firstPosition = 0,
) {
  return inputs.map((input, i) => {
    const title = variantTitle(options, input.options);
    const price = input.price ?? defaults.price;
    if (price === undefined) {
      throw new AppError("invalid_request", "A variant needs a price, its own or the product's.", [
        { path: `variants.${i}.price`, message: "required" },
      ]);
    }
    return {
      id: crypto.randomUUID(),
      productId,
      sku: input.sku ?? defaultSku(slug, title),
      title,
      options: input.options,
      price,
      oldPrice: input.oldPrice !== undefined ? input.oldPrice : (defaults.oldPrice ?? null),
      discount: input.discount ?? defaults.discount ?? 0,
      shippingAmount: input.shippingAmount ?? defaults.shippingAmount ?? 0,
      stockQty: input.stockQty,
      lowStockThreshold: input.lowStockThreshold ?? defaults.lowStockThreshold ?? 5,
      weightGrams: input.weightGrams ?? defaults.weightGrams ?? 0,
      // Without one, the shop's default class (the column's default).
      taxClassId: input.taxClassId ?? defaults.taxClassId,
      active: input.active ?? true,
      position: firstPosition + i,
    };
  });
}

export function firstStock(db: Database, variants: { id: string; stockQty: number }[], actorId: string): Statement {
  return db.insert(inventoryChanges).values(
    variants.map((v) => ({
      variantId: v.id,
      delta: v.stockQty,
      stockAfter: v.stockQty,
      reason: "first stock",
      actorId,
    })),
  );
}

const withFeatures = (db: Database, productId: string, features: { name: string; value: string }[]) => [
  db.delete(productFeatures).where(eq(productFeatures.productId, productId)),
  ...(features.length
    ? [db.insert(productFeatures).values(features.map((f, position) => ({ ...f, position, productId })))]
    : []),
];

const withGallery = (db: Database, productId: string, gallery: { url: string; alt?: string }[]) => [
  db.delete(productImages).where(eq(productImages.productId, productId)),
  ...(gallery.length
    ? [
        db
          .insert(productImages)
          .values(gallery.map((g, position) => ({ url: g.url, alt: g.alt ?? "", position, productId }))),
      ]
    : []),
];

export const withOptions = (db: Database, productId: string, options: Options): Statement[] => [
  db.delete(productOptions).where(eq(productOptions.productId, productId)),
  ...(options.length
    ? [db.insert(productOptions).values(options.map((o, position) => ({ ...o, position, productId })))]
    : []),
];

/** Sends statements in one round trip, the last of which reads the product back as staff see it. */
async function batchThenRead(ctx: ActorContext, statements: Statement[], productId: string): Promise<AdminProduct> {
  const read = adminProductStatement(ctx.db, productId, ctx.config.currency);
  const results = await withConstraints(
    () => ctx.db.batch([...statements, read] as unknown as [Statement, ...Statement[]]),
    "product",
  );
  const product = (results.at(-1) as { rows: AdminProduct[] }).rows[0];
  if (!product) throw new AppError("not_found", "No such product.");
  await bumpCatalogVersion(ctx);
  return product;
}

/** Creates a product with its options, variants, features and gallery, audited, in one round trip. */
export async function createProduct(ctx: ActorContext, input: CreateProduct): Promise<AdminProduct> {
  const id = crypto.randomUUID();
  const slug = input.slug ?? slugify(input.name);
  const options = input.options ?? [];
  const inputs = input.variants ?? [{ options: {}, stockQty: input.stockQty ?? 0 }];
  for (const [i, variant] of inputs.entries()) checkFits(options, variant.options, `variants.${i}.options`);
  const variants = newVariants(id, slug, options, inputs, input);
  const twice = variants.findIndex((v, i) => variants.findIndex((w) => w.sku === v.sku) !== i);
  if (twice >= 0) {
    throw new AppError("invalid_request", "Each variant needs a SKU of its own.", [
      { path: `variants.${twice}.sku`, message: "the same SKU as another variant" },
    ]);
  }
  const { db } = ctx;
  return namingTheVariant(variants, () =>
    batchThenRead(
      ctx,
      [
        db.insert(products).values({
          id,
          slug,
          name: input.name,
          description: input.description ?? "",
          categoryId: input.categoryId ?? null,
          brandId: input.brandId ?? null,
          active: input.active ?? true,
        }),
        ...withOptions(db, id, options),
        db.insert(productVariants).values(variants),
        firstStock(db, variants, ctx.actor.id),
        ...withFeatures(db, id, input.features ?? []),
        ...withGallery(db, id, input.gallery ?? []),
        auditProductStatement(
          db,
          { actorId: ctx.actor.id, action: "product.create", productId: id, before: null },
          ctx.config.currency,
        ),
      ],
      id,
    ),
  );
}

/** A taken SKU among several new variants names the variant whose SKU it is (`variants.N.sku`). */
async function namingTheVariant<T>(variants: { sku: string }[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const taken = error instanceof AppError && Array.isArray(error.details) ? error.details[0] : undefined;
    const index = taken?.path === "sku" ? variants.findIndex((v) => v.sku === taken.value) : -1;
    if (index < 0 || !(error instanceof AppError)) throw error;
    throw new AppError("conflict", `Another variant has the SKU ${taken.value}.`, [
      { path: `variants.${index}.sku`, message: "another variant has this SKU", value: taken.value },
    ]);
  }
}

/**
 * Changes a product: read it (one round trip), then every change, the audit row and the product as it
 * is after, in a second one. Options, when given, must still fit every variant.
 */
export async function changeProduct(ctx: ActorContext, id: string, input: UpdateProduct): Promise<AdminProduct> {
  const before = await getAdminProduct(ctx, id);
  const { db } = ctx;
  const statements: Statement[] = [];
  const fields = {
    name: input.name,
    slug: input.slug,
    description: input.description,
    categoryId: input.categoryId,
    brandId: input.brandId,
    active: input.active,
  };
  if (Object.values(fields).some((v) => v !== undefined)) {
    statements.push(
      db
        .update(products)
        .set({ ...fields, updatedAt: sql`now()` })
        .where(eq(products.id, id)),
    );
  }
  if (input.options) statements.push(...withOptions(db, id, input.options));
  if (input.options || input.variantOptions) {
    const options = (input.options ?? before.options) as Options;
    const unknown = Object.keys(input.variantOptions ?? {}).find((v) => !before.variants.some((w) => w.id === v));
    if (unknown) {
      throw new AppError("invalid_request", "variantOptions names a variant of another product.", [
        { path: `variantOptions.${unknown}`, message: "not a variant of this product" },
      ]);
    }
    for (const [i, v] of before.variants.entries()) {
      const combination = input.variantOptions?.[v.id] ?? v.options;
      checkFits(
        options,
        combination,
        input.variantOptions?.[v.id] ? `variantOptions.${v.id}` : `variants.${i}.options`,
      );
      if (input.variantOptions?.[v.id]) statements.push(optionsStatement(ctx, v.id, options, combination));
    }
  }
  if (input.features) statements.push(...withFeatures(db, id, input.features));
  if (input.gallery) statements.push(...withGallery(db, id, input.gallery));
  const variantFields = {
    price: input.price,
    oldPrice: input.oldPrice,
    discount: input.discount,
    shippingAmount: input.shippingAmount,
    lowStockThreshold: input.lowStockThreshold,
    weightGrams: input.weightGrams,
    taxClassId: input.taxClassId,
  };
  const touchesVariant = Object.values(variantFields).some((v) => v !== undefined) || input.stockQty !== undefined;
  if (touchesVariant) {
    const [only, ...others] = before.variants;
    if (!only || others.length > 0) {
      throw new AppError("variant_required", "This product has several variants: change them one by one.", [
        { path: "variants", message: "change a variant with PATCH /admin/products/{id}/variants/{variantId}" },
      ]);
    }
    statements.push(
      ...variantStatements(ctx, only.id, {
        ...variantFields,
        stockQty: input.stockQty,
        stockReason: input.stockReason,
      }),
    );
  }
  statements.push(
    auditProductStatement(
      db,
      { actorId: ctx.actor.id, action: "product.update", productId: id, before },
      ctx.config.currency,
    ),
  );
  return batchThenRead(ctx, statements, id);
}

/** Gives a variant other option values, and the title that says them. */
const optionsStatement = (
  ctx: ActorContext,
  variantId: string,
  options: Options,
  combination: Record<string, string>,
) =>
  ctx.db
    .update(productVariants)
    .set({ options: combination, title: variantTitle(options, combination), updatedAt: sql`now()` })
    .where(eq(productVariants.id, variantId));

/** The statements that change one variant; a stock change goes through the inventory history. */
export function variantStatements(
  ctx: ActorContext,
  variantId: string,
  changes: Omit<VariantChanges, "options">,
): Statement[] {
  const { stockQty, stockReason, ...rest } = changes;
  const statements: Statement[] = [];
  if (Object.values(rest).some((v) => v !== undefined)) {
    statements.push(
      ctx.db
        .update(productVariants)
        .set({ ...rest, updatedAt: sql`now()` })
        .where(eq(productVariants.id, variantId)),
    );
  }
  if (stockQty !== undefined) {
    statements.push(
      setStockStatement(ctx.db, {
        variantId,
        stockQty,
        reason: stockReason ?? defaultStockReason,
        actorId: ctx.actor.id,
      }),
    );
  }
  return statements;
}

/** Deletes a product no order refers to; one that was sold can only be deactivated. */
export async function removeProduct(ctx: ActorContext, id: string): Promise<void> {
  const before = await getAdminProduct(ctx, id);
  await withConstraints(
    () =>
      ctx.db.batch([
        ctx.db.delete(products).where(eq(products.id, id)),
        ctx.db.execute(sql`
          INSERT INTO audit_log (actor_id, action, entity, entity_id, before, after)
          VALUES (${ctx.actor.id}, 'product.delete', 'product', ${id}, ${JSON.stringify(before)}::jsonb, NULL)`),
      ]),
    "product",
  );
  await bumpCatalogVersion(ctx);
}

/** Adds a variant: its options must be one of the product's combinations not taken yet. */
export async function addVariant(ctx: ActorContext, productId: string, input: VariantInput): Promise<AdminVariant> {
  const product = await getAdminProduct(ctx, productId);
  checkFits(product.options, input.options, "options");
  const defaults = product.variants[0] ?? {};
  const [variant] = newVariants(productId, product.slug, product.options, [input], defaults, product.variants.length);
  const after = await batchThenRead(
    ctx,
    [
      ctx.db.insert(productVariants).values(variant),
      firstStock(ctx.db, [variant], ctx.actor.id),
      auditProductStatement(
        ctx.db,
        { actorId: ctx.actor.id, action: "variant.create", productId, before: product },
        ctx.config.currency,
      ),
    ],
    productId,
  );
  return after.variants.find((v) => v.id === variant.id) as AdminVariant;
}

export async function changeVariant(
  ctx: ActorContext,
  productId: string,
  variantId: string,
  changes: VariantChanges,
): Promise<AdminVariant> {
  const product = await getAdminProduct(ctx, productId);
  if (!product.variants.some((v) => v.id === variantId)) throw new AppError("not_found", "No such variant.");
  const { options, ...rest } = changes;
  if (options) checkFits(product.options, options, "options");
  const after = await batchThenRead(
    ctx,
    [
      ...(options ? [optionsStatement(ctx, variantId, product.options, options)] : []),
      ...variantStatements(ctx, variantId, rest),
      auditProductStatement(
        ctx.db,
        { actorId: ctx.actor.id, action: "variant.update", productId, before: product },
        ctx.config.currency,
      ),
    ],
    productId,
  );
  return after.variants.find((v) => v.id === variantId) as AdminVariant;
}

/** Deletes a variant no order refers to (otherwise 409: deactivate it); a product keeps at least one. */
export async function removeVariant(ctx: ActorContext, productId: string, variantId: string): Promise<void> {
  const product = await getAdminProduct(ctx, productId);
  if (!product.variants.some((v) => v.id === variantId)) throw new AppError("not_found", "No such variant.");
  if (product.variants.length === 1) {
    throw new AppError("conflict", "A product keeps at least one variant; delete or deactivate the product instead.");
  }
  await withConstraints(
    () =>
      ctx.db.batch([
        ctx.db.delete(productVariants).where(eq(productVariants.id, variantId)),
        auditProductStatement(
          ctx.db,
          { actorId: ctx.actor.id, action: "variant.delete", productId, before: product },
          ctx.config.currency,
        ),
      ]),
    "variant",
  );
  await bumpCatalogVersion(ctx);
}

/** A variant's stock changes, newest first. */
export async function inventoryOf(
  ctx: ShopContext,
  productId: string,
  variantId: string,
  page: { limit: number; cursor?: string },
) {
  if (!(await findVariant(ctx.db, productId, variantId))) throw new AppError("not_found", "No such variant.");
  const before = page.cursor ? decodeCursor(page.cursor, cursorKeys.time) : undefined;
  const rows = await inventoryHistory(ctx.db, variantId, page.limit + 1, before);
  return pageOf(rows, page.limit, (row) => [row.at, row.id]);
}
