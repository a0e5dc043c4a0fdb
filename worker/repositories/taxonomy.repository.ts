import { asc } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { brands, categories } from "../../db/schema.ts";

export function listCategories(db: Database) {
  return db
    .select({ id: categories.id, slug: categories.slug, name: categories.name, parentId: categories.parentId })
    .from(categories)
    .orderBy(asc(categories.name));
}

export function listBrands(db: Database) {
  return db.select({ id: brands.id, slug: brands.slug, name: brands.name }).from(brands).orderBy(asc(brands.name));
}
