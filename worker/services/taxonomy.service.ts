import { eq } from "drizzle-orm";
import { brands, categories } from "../../db/schema.ts";
import { AppError } from "../lib/errors.ts";
import { slugify, withConstraints } from "../lib/pg-errors.ts";
import type { ActorContext } from "../platform/context.ts";
import { recordAudit } from "../repositories/audit.repository.ts";
import { bumpCatalogVersion } from "./catalog-version.ts";

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
  await bumpCatalogVersion(ctx);
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
  await bumpCatalogVersion(ctx);
}
