import { and, eq, ne, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { productVariants, shopSettings, taxClasses, taxRates } from "../../db/schema.ts";
import type { TaxClass } from "../schemas/taxes-admin.ts";

/** Tax classes as staff see them: their rates, how many variants each taxes, whether shipping is taxed by it. */
const classesJson = (where: SQL) => sql`
  SELECT c.id, c.name, c.is_default AS "isDefault", c.position,
    coalesce((SELECT json_agg(json_build_object('id', r.id, 'country', r.country, 'subdivision', r.subdivision,
        'rateBps', r.rate_bps) ORDER BY r.country = '*', r.country, r.subdivision)
      FROM tax_rates r WHERE r.tax_class_id = c.id), '[]') AS rates,
    (SELECT count(*) FROM product_variants v WHERE v.tax_class_id = c.id)::int AS "variantCount",
    EXISTS (SELECT 1 FROM shop_settings s WHERE s.shipping_tax_class_id = c.id) AS "taxesShipping"
  FROM tax_classes c WHERE ${where} ORDER BY c.position, c.name, c.id`;

/** Every tax class with its rates: one statement. */
export const taxClassesStatement = (db: Database) => db.execute<TaxClass>(classesJson(sql`true`));

export async function findTaxClass(db: Database, id: string): Promise<TaxClass | undefined> {
  return (await db.execute<TaxClass>(classesJson(sql`c.id = ${id}`))).rows[0];
}

/** The class new variants get. */
export const defaultTaxClassStatement = (db: Database) =>
  db.execute<{ id: string }>(sql`SELECT id FROM tax_classes WHERE is_default`);

export type TaxClassRow = typeof taxClasses.$inferSelect;
export type TaxRateRow = typeof taxRates.$inferSelect;

/** Changes of which class is the default run one after another, so exactly one class is left with it. */
export async function lockDefaultClass(db: Database) {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended('tax_classes:default', 0))`);
}

/** Takes the default from every class but `keep`. */
export async function clearDefaultClass(db: Database, keep: string | null) {
  await db
    .update(taxClasses)
    .set({ isDefault: false })
    .where(keep ? and(eq(taxClasses.isDefault, true), ne(taxClasses.id, keep)) : eq(taxClasses.isDefault, true));
}

export async function insertTaxClass(db: Database, values: typeof taxClasses.$inferInsert): Promise<TaxClassRow> {
  const [row] = await db.insert(taxClasses).values(values).returning();
  return row;
}

/** The class, locked until the transaction ends (variants and settings that would refer to it wait). */
export async function lockTaxClass(db: Database, id: string): Promise<TaxClassRow | undefined> {
  const [row] = await db.select().from(taxClasses).where(eq(taxClasses.id, id)).for("update");
  return row;
}

export async function updateTaxClass(db: Database, id: string, values: Partial<TaxClassRow>): Promise<TaxClassRow> {
  const [row] = await db.update(taxClasses).set(values).where(eq(taxClasses.id, id)).returning();
  return row;
}

export async function deleteTaxClass(db: Database, id: string) {
  await db.delete(taxClasses).where(eq(taxClasses.id, id));
}

/** What refers to a class: how many variants it taxes, and whether shipping is taxed by it. */
export async function taxClassUse(db: Database, id: string) {
  const result = await db.execute<{ variants: number; shipping: boolean }>(sql`
    SELECT (SELECT count(*) FROM ${productVariants} WHERE tax_class_id = ${id})::int AS variants,
      EXISTS (SELECT 1 FROM ${shopSettings} WHERE shipping_tax_class_id = ${id}) AS shipping`);
  return result.rows[0];
}

export async function insertTaxRate(db: Database, values: typeof taxRates.$inferInsert): Promise<TaxRateRow> {
  const [row] = await db.insert(taxRates).values(values).returning();
  return row;
}

export async function lockTaxRate(db: Database, classId: string, id: string): Promise<TaxRateRow | undefined> {
  const [row] = await db
    .select()
    .from(taxRates)
    .where(and(eq(taxRates.id, id), eq(taxRates.taxClassId, classId)))
    .for("update");
  return row;
}

export async function updateTaxRate(db: Database, id: string, values: Partial<TaxRateRow>): Promise<TaxRateRow> {
  const [row] = await db.update(taxRates).set(values).where(eq(taxRates.id, id)).returning();
  return row;
}

export async function deleteTaxRate(db: Database, classId: string, id: string): Promise<TaxRateRow | undefined> {
  const [row] = await db
    .delete(taxRates)
    .where(and(eq(taxRates.id, id), eq(taxRates.taxClassId, classId)))
    .returning();
  return row;
}

const settingsColumns = {
  pricesIncludeTax: shopSettings.pricesIncludeTax,
  shippingTaxClassId: shopSettings.shippingTaxClassId,
};

export const taxSettingsStatement = (db: Database) => db.select(settingsColumns).from(shopSettings);

export async function lockTaxSettings(db: Database) {
  const [row] = await db.select(settingsColumns).from(shopSettings).for("update");
  return row;
}

export async function updateTaxSettings(db: Database, values: Partial<typeof shopSettings.$inferInsert>) {
  const [row] = await db
    .update(shopSettings)
    .set({ ...values, updatedAt: sql`now()` })
    .returning(settingsColumns);
  return row;
}
