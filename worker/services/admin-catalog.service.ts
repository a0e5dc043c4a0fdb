import { eq } from "drizzle-orm";
import { brands, categories } from "../../db/schema.ts";
import { cursorKeys, decodeCursor, pageOf } from "../lib/cursor.ts";
import { AppError } from "../lib/errors.ts";
import { slugify, withConstraints } from "../lib/pg-errors.ts";
import type { ActorContext, ShopContext } from "../platform/context.ts";
import {
  type AdminProductRow,
  type AdminProductSearch,
  deleteProduct,
  findAdminProduct,
  insertProduct,
  replaceFeatures,
  replaceGallery,
  searchAdminProducts,
  updateProduct,
} from "../repositories/admin-catalog.repository.ts";
import { recordAudit } from "../repositories/audit.repository.ts";
import type { AdminProduct, CreateProduct, UpdateProduct } from "../schemas/admin-catalog.ts";
import { bumpCatalogVersion } from "./catalog-version.ts";

export const toAdminProduct = (row: AdminProductRow, currency: string): AdminProduct => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  description: row.description,
  price: row.price,
  oldPrice: row.old_price,
  shippingAmount: row.shipping_amount,
  discount: row.discount,
  actualPrice: row.actual_price,
  currency,
  stockQty: row.stock_qty,
  lowStockThreshold: row.low_stock_threshold,
  categoryId: row.category_id,
  brandId: row.brand_id,
  active: row.is_active,
  features: row.features,
  gallery: row.gallery,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export async function searchProducts(
  ctx: ShopContext,
  search: AdminProductSearch & { limit: number; cursor?: string },
) {
  const rows = await searchAdminProducts(
    ctx.db,
    search,
    search.limit + 1,
    search.cursor ? decodeCursor(search.cursor, cursorKeys.text) : undefined,
  );
  const page = pageOf(rows, search.limit, (row) => [row.name, row.id]);
  return { ...page, items: page.items.map((row) => toAdminProduct(row, ctx.config.currency)) };
}

export async function getAdminProduct(ctx: ShopContext, id: string): Promise<AdminProduct> {
  const row = await findAdminProduct(ctx.db, id);
  if (!row) throw new AppError("not_found", "No such product.");
  return toAdminProduct(row, ctx.config.currency);
}

function productValues(input: UpdateProduct) {
  return {
    name: input.name,
    slug: input.slug,
    description: input.description,
    price: input.price,
    oldPrice: input.oldPrice,
    shippingAmount: input.shippingAmount,
    discount: input.discount,
    stockQty: input.stockQty,
    lowStockThreshold: input.lowStockThreshold,
    categoryId: input.categoryId,
    brandId: input.brandId,
    active: input.active,
  };
}

/** Creates a product with its features and gallery, in one transaction. */
export async function createProduct(ctx: ActorContext, input: CreateProduct): Promise<AdminProduct> {
  const product = await withConstraints(
    () =>
      ctx.transaction(async (tx) => {
        const { slug, ...values } = productValues(input);
        const id = await insertProduct(tx, {
          ...values,
          slug: slug ?? slugify(input.name),
          name: input.name,
          price: input.price,
          stockQty: input.stockQty,
        });
        if (input.features) await replaceFeatures(tx, id, input.features);
        if (input.gallery)
          await replaceGallery(
            tx,
            id,
            input.gallery.map((g) => ({ url: g.url, alt: g.alt ?? "" })),
          );
        const created = toAdminProduct((await findAdminProduct(tx, id)) as AdminProductRow, ctx.config.currency);
        await recordAudit(tx, {
          actorId: ctx.actor.id,
          action: "product.create",
          entity: "product",
          entityId: id,
          before: null,
          after: created,
        });
        return created;
      }),
    "product",
  );
  await bumpCatalogVersion(ctx.redis);
  return product;
}

/** Updates fields; features and gallery, when given, replace the old ones whole. */
export async function changeProduct(ctx: ActorContext, id: string, input: UpdateProduct): Promise<AdminProduct> {
  const product = await withConstraints(
    () =>
      ctx.transaction(async (tx) => {
        const before = await findAdminProduct(tx, id);
        if (!before) throw new AppError("not_found", "No such product.");
        const values = Object.fromEntries(Object.entries(productValues(input)).filter(([, v]) => v !== undefined));
        if (Object.keys(values).length > 0) await updateProduct(tx, id, values);
        if (input.features) await replaceFeatures(tx, id, input.features);
        if (input.gallery)
          await replaceGallery(
            tx,
            id,
            input.gallery.map((g) => ({ url: g.url, alt: g.alt ?? "" })),
          );
        const after = toAdminProduct((await findAdminProduct(tx, id)) as AdminProductRow, ctx.config.currency);
        await recordAudit(tx, {
          actorId: ctx.actor.id,
          action: "product.update",
          entity: "product",
          entityId: id,
          before: toAdminProduct(before, ctx.config.currency),
          after,
        });
        return after;
      }),
    "product",
  );
  await bumpCatalogVersion(ctx.redis);
  return product;
}

/** Deletes a product no order refers to; one that was sold can only be deactivated. */
export async function removeProduct(ctx: ActorContext, id: string): Promise<void> {
  await withConstraints(
    () =>
      ctx.transaction(async (tx) => {
        const before = await findAdminProduct(tx, id);
        if (!before) throw new AppError("not_found", "No such product.");
        await deleteProduct(tx, id);
        await recordAudit(tx, {
          actorId: ctx.actor.id,
          action: "product.delete",
          entity: "product",
          entityId: id,
          before: toAdminProduct(before, ctx.config.currency),
          after: null,
        });
      }),
    "product",
  );
  await bumpCatalogVersion(ctx.redis);
}

export type TaxonomyEntity = "category" | "brand";
const tables = { category: categories, brand: brands } as const;

/** Categories and brands: created, renamed, moved, deleted (when nothing refers to them), each audited. */
export async function saveTaxonomy(
  ctx: ActorContext,
  entity: TaxonomyEntity,
  id: string | null,
  input: { name?: string; slug?: string; parentId?: string | null },
) {
  const table = tables[entity];
  const row = await withConstraints(
    () =>
      ctx.transaction(async (tx) => {
        const values = {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.slug !== undefined || (id === null && input.name)
            ? { slug: input.slug ?? slugify(input.name ?? "") }
            : {}),
          ...(entity === "category" && input.parentId !== undefined ? { parentId: input.parentId } : {}),
        };
        if (id === null) {
          const [created] = await tx
            .insert(table)
            .values(values as typeof table.$inferInsert)
            .returning();
          await recordAudit(tx, {
            actorId: ctx.actor.id,
            action: `${entity}.create`,
            entity,
            entityId: created.id,
            before: null,
            after: created,
          });
          return created;
        }
        const [before] = await tx.select().from(table).where(eq(table.id, id));
        if (!before) throw new AppError("not_found", `No such ${entity}.`);
        if (entity === "category" && input.parentId === id)
          throw new AppError("invalid_request", "A category cannot be its own parent.");
        const [after] = await tx.update(table).set(values).where(eq(table.id, id)).returning();
        await recordAudit(tx, {
          actorId: ctx.actor.id,
          action: `${entity}.update`,
          entity,
          entityId: id,
          before,
          after,
        });
        return after;
      }),
    entity,
  );
  await bumpCatalogVersion(ctx.redis);
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    parentId: "parentId" in row ? (row.parentId as string | null) : null,
  };
}

export async function deleteTaxonomy(ctx: ActorContext, entity: TaxonomyEntity, id: string) {
  const table = tables[entity];
  await withConstraints(
    () =>
      ctx.transaction(async (tx) => {
        const [before] = await tx.delete(table).where(eq(table.id, id)).returning();
        if (!before) throw new AppError("not_found", `No such ${entity}.`);
        await recordAudit(tx, {
          actorId: ctx.actor.id,
          action: `${entity}.delete`,
          entity,
          entityId: id,
          before,
          after: null,
        });
      }),
    entity,
  );
  await bumpCatalogVersion(ctx.redis);
}
