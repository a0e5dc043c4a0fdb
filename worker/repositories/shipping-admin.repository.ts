import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { shippingMethods, shippingRates, shippingZones } from "../../db/schema.ts";
import type { BandInput, Zone } from "../schemas/shipping-admin.ts";

/** Zones as staff see them, each with its methods (inactive ones too) and their bands. */
const zonesJson = (where: SQL) => sql`
  SELECT z.id, z.name, z.countries, z.subdivisions, z.postal_patterns AS "postalPatterns", z.position,
    coalesce((SELECT json_agg(json_build_object(
        'id', m.id, 'name', m.name, 'kind', m.kind, 'price', m.price, 'freeAbove', m.free_above,
        'minDays', m.min_days, 'maxDays', m.max_days, 'active', m.is_active, 'position', m.position,
        'bands', coalesce((SELECT json_agg(json_build_object('min', r.min_value, 'max', r.max_value, 'price', r.price)
            ORDER BY r.min_value) FROM shipping_rates r WHERE r.method_id = m.id), '[]'))
      ORDER BY m.position, m.id) FROM shipping_methods m WHERE m.zone_id = z.id), '[]') AS methods
  FROM shipping_zones z WHERE ${where} ORDER BY z.position, z.name, z.id`;

/** Every zone with its methods and bands, in the merchant's order: one statement. */
export const zonesStatement = (db: Database) => db.execute<Zone>(zonesJson(sql`true`));

export async function findZone(db: Database, id: string): Promise<Zone | undefined> {
  return (await db.execute<Zone>(zonesJson(sql`z.id = ${id}`))).rows[0];
}

export type ZoneRow = typeof shippingZones.$inferSelect;
export type MethodRow = typeof shippingMethods.$inferSelect;

export async function insertZone(db: Database, values: typeof shippingZones.$inferInsert): Promise<ZoneRow> {
  const [row] = await db.insert(shippingZones).values(values).returning();
  return row;
}

/** The zone's row, locked against other changes until the transaction ends. */
export async function lockZone(db: Database, id: string): Promise<ZoneRow | undefined> {
  const [row] = await db.select().from(shippingZones).where(eq(shippingZones.id, id)).for("update");
  return row;
}

export async function updateZone(db: Database, id: string, values: Partial<ZoneRow>): Promise<ZoneRow> {
  const [row] = await db
    .update(shippingZones)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(shippingZones.id, id))
    .returning();
  return row;
}

export async function deleteZone(db: Database, id: string): Promise<ZoneRow | undefined> {
  const [row] = await db.delete(shippingZones).where(eq(shippingZones.id, id)).returning();
  return row;
}

export async function insertMethod(db: Database, values: typeof shippingMethods.$inferInsert): Promise<MethodRow> {
  const [row] = await db.insert(shippingMethods).values(values).returning();
  return row;
}

/**
 * A zone's method, locked until the transaction ends, so changes of one method (its bands above all)
 * run one after another; none when the method is not the zone's.
 */
export async function lockMethod(db: Database, zoneId: string, id: string): Promise<MethodRow | undefined> {
  const [row] = await db
    .select()
    .from(shippingMethods)
    .where(and(eq(shippingMethods.id, id), eq(shippingMethods.zoneId, zoneId)))
    .for("no key update");
  return row;
}

export async function updateMethod(db: Database, id: string, values: Partial<MethodRow>): Promise<MethodRow> {
  const [row] = await db
    .update(shippingMethods)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(shippingMethods.id, id))
    .returning();
  return row;
}

export async function deleteMethod(db: Database, zoneId: string, id: string): Promise<MethodRow | undefined> {
  const [row] = await db
    .delete(shippingMethods)
    .where(and(eq(shippingMethods.id, id), eq(shippingMethods.zoneId, zoneId)))
    .returning();
  return row;
}

export function bandsOf(db: Database, methodId: string) {
  return db
    .select({ min: shippingRates.min, max: shippingRates.max, price: shippingRates.price })
    .from(shippingRates)
    .where(eq(shippingRates.methodId, methodId))
    .orderBy(asc(shippingRates.min));
}

/** Replaces a method's bands with `bands` (the database refuses bands that overlap). */
export async function replaceBands(db: Database, methodId: string, bands: BandInput[]) {
  await db.delete(shippingRates).where(eq(shippingRates.methodId, methodId));
  if (bands.length > 0) await db.insert(shippingRates).values(bands.map((band) => ({ ...band, methodId })));
  return [...bands].sort((a, b) => a.min - b.min);
}
