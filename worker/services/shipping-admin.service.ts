import { type Band, overlappingBands } from "../domain/shipping.ts";
import { AppError } from "../lib/errors.ts";
import { pgError, withConstraints } from "../lib/pg-errors.ts";
import type { ActorContext, ShopContext } from "../platform/context.ts";
import { recordAudit } from "../repositories/audit.repository.ts";
import {
  bandsOf,
  deleteMethod,
  deleteZone,
  findZone,
  insertMethod,
  insertZone,
  lockMethod,
  lockZone,
  type MethodRow,
  replaceBands,
  updateMethod,
  updateZone,
  zonesStatement,
} from "../repositories/shipping-admin.repository.ts";
import type { BandInput, MethodBody, MethodChanges, ZoneBody, ZoneChanges } from "../schemas/shipping-admin.ts";

/**
 * The merchant's zones, methods and bands: each change in one transaction with its audit row. A
 * quote reads them afresh on every request, so nothing cached needs dropping.
 */
export async function listZones(ctx: ShopContext) {
  const result = await zonesStatement(ctx.db);
  return { items: result.rows, currency: ctx.config.currency };
}

const audit = (ctx: ActorContext, action: string, entity: string, entityId: string, before: unknown, after: unknown) =>
  ({ actorId: ctx.actor.id, action, entity, entityId, before, after }) as const;

async function zoneView(ctx: ShopContext, id: string) {
  const zone = await findZone(ctx.db, id);
  if (!zone) throw new AppError("not_found", "No such shipping zone.");
  return zone;
}

export async function createZone(ctx: ActorContext, body: ZoneBody) {
  const row = await withConstraints(
    () =>
      ctx.transaction(async (tx) => {
        const created = await insertZone(tx, body);
        await recordAudit(tx, audit(ctx, "shipping_zone.create", "shipping_zone", created.id, null, created));
        return created;
      }),
    "shipping zone",
  );
  return zoneView(ctx, row.id);
}

export async function changeZone(ctx: ActorContext, id: string, changes: ZoneChanges) {
  await withConstraints(
    () =>
      ctx.transaction(async (tx) => {
        const before = await lockZone(tx, id);
        if (!before) throw new AppError("not_found", "No such shipping zone.");
        const after = await updateZone(tx, id, changes);
        await recordAudit(tx, audit(ctx, "shipping_zone.update", "shipping_zone", id, before, after));
      }),
    "shipping zone",
  );
  return zoneView(ctx, id);
}

/** Deletes a zone with its methods; orders and carts that named a method keep their own copy of it. */
export async function removeZone(ctx: ActorContext, id: string) {
  await ctx.transaction(async (tx) => {
    const before = await deleteZone(tx, id);
    if (!before) throw new AppError("not_found", "No such shipping zone.");
    await recordAudit(tx, audit(ctx, "shipping_zone.delete", "shipping_zone", id, before, null));
  });
}

const methodView = (row: MethodRow, bands: Band[]) => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  price: row.price,
  freeAbove: row.freeAbove,
  minDays: row.minDays,
  maxDays: row.maxDays,
  active: row.active,
  position: row.position,
  bands,
});

const describeBand = (band: Band) => `${band.min} to ${band.max ?? "any more"}`;

/** Bands that share a value are refused, naming the two (the second by its place in the list). */
function refuseOverlap(bands: BandInput[]) {
  const pair = overlappingBands(bands);
  if (!pair) return;
  const [first, second] = pair;
  const index = bands.indexOf(second);
  throw new AppError(
    "conflict",
    `The band from ${describeBand(second)} overlaps the band from ${describeBand(first)}.`,
    [{ path: `bands.${index}`, message: `overlaps bands.${bands.indexOf(first)}`, band: second, overlaps: first }],
  );
}

/**
 * Another writer's band that the database found overlapping one of ours (the exclusion constraint,
 * for writes that raced past the check): `[min,max)` ranges as Postgres prints them.
 */
function raceRefusal(error: unknown, bands: BandInput[]): AppError | undefined {
  const pg = pgError(error);
  if (pg?.code !== "23P01" || pg.constraint !== "shipping_rates_bands_apart") return undefined;
  const [ours, theirs] = [...(pg.detail ?? "").matchAll(/\[(\d+),(\d*)\)/g)].map(
    ([, min, max]): Band => ({ min: Number(min), max: max ? Number(max) : null, price: 0 }),
  );
  const index = ours ? bands.findIndex((band) => band.min === ours.min && band.max === ours.max) : -1;
  const second = bands[index];
  const message = second
    ? `The band from ${describeBand(second)} overlaps ${theirs ? `the band from ${describeBand(theirs)}` : "another band"}, saved meanwhile.`
    : "A band overlaps another band, saved meanwhile.";
  const overlaps = theirs ? { min: theirs.min, max: theirs.max } : undefined;
  return new AppError("conflict", message, [
    {
      path: index >= 0 ? `bands.${index}` : "bands",
      message: "overlaps a band saved meanwhile",
      band: second,
      overlaps,
    },
  ]);
}

async function withBands<T>(bands: BandInput[], work: () => Promise<T>, what: string): Promise<T> {
  refuseOverlap(bands);
  return withConstraints(async () => {
    try {
      return await work();
    } catch (error) {
      throw raceRefusal(error, bands) ?? error;
    }
  }, what);
}

export async function createMethod(ctx: ActorContext, zoneId: string, body: MethodBody) {
  const { bands = [], ...fields } = body;
  return withBands(
    bands,
    () =>
      ctx.transaction(async (tx) => {
        if (!(await lockZone(tx, zoneId))) throw new AppError("not_found", "No such shipping zone.");
        const row = await insertMethod(tx, { ...fields, zoneId });
        const view = methodView(row, await replaceBands(tx, row.id, bands));
        await recordAudit(tx, audit(ctx, "shipping_method.create", "shipping_method", row.id, null, view));
        return view;
      }),
    "shipping method",
  );
}

export async function changeMethod(ctx: ActorContext, zoneId: string, id: string, changes: MethodChanges) {
  return withConstraints(
    () =>
      ctx.transaction(async (tx) => {
        const before = await lockMethod(tx, zoneId, id);
        if (!before) throw new AppError("not_found", "No such shipping method.");
        const bands = await bandsOf(tx, id);
        const after = await updateMethod(tx, id, changes);
        const view = methodView(after, bands);
        await recordAudit(
          tx,
          audit(ctx, "shipping_method.update", "shipping_method", id, methodView(before, bands), view),
        );
        return view;
      }),
    "shipping method",
  );
}

export async function removeMethod(ctx: ActorContext, zoneId: string, id: string) {
  await ctx.transaction(async (tx) => {
    const before = await deleteMethod(tx, zoneId, id);
    if (!before) throw new AppError("not_found", "No such shipping method.");
    await recordAudit(tx, audit(ctx, "shipping_method.delete", "shipping_method", id, before, null));
  });
}

/** Replaces a method's bands as a list; changes of one method's bands run one after another. */
export async function setBands(ctx: ActorContext, zoneId: string, id: string, bands: BandInput[]) {
  return withBands(
    bands,
    () =>
      ctx.transaction(async (tx) => {
        const method = await lockMethod(tx, zoneId, id);
        if (!method) throw new AppError("not_found", "No such shipping method.");
        const before = await bandsOf(tx, id);
        const after = await replaceBands(tx, id, bands);
        await recordAudit(
          tx,
          audit(
            ctx,
            "shipping_method.bands",
            "shipping_method",
            id,
            { name: method.name, bands: before },
            {
              name: method.name,
              bands: after,
            },
          ),
        );
        return methodView(method, after);
      }),
    "shipping method",
  );
}
