import type { Database } from "../../db/client.ts";
import { AppError } from "../lib/errors.ts";
import { withConstraints } from "../lib/pg-errors.ts";
import type { ActorContext } from "../platform/context.ts";
import { recordAudit } from "../repositories/audit.repository.ts";
import {
  deleteTaxRate,
  insertTaxRate,
  lockTaxClass,
  lockTaxRate,
  type TaxRateRow,
  updateTaxRate,
} from "../repositories/taxes.repository.ts";
import type { TaxRateBody, TaxRateChanges } from "../schemas/taxes-admin.ts";

/** A class's rates by region (one per country and subdivision), each change audited with its class's name. */
const view = (row: TaxRateRow) => ({
  id: row.id,
  country: row.country,
  subdivision: row.subdivision,
  rateBps: row.rateBps,
});

const audit = (ctx: ActorContext, action: string, id: string, className: string, before: unknown, after: unknown) =>
  ({
    actorId: ctx.actor.id,
    action,
    entity: "tax_rate",
    entityId: id,
    before: before && { ...before, taxClass: className },
    after: after && { ...after, taxClass: className },
  }) as const;

const refuseWorldSubdivision = (rate: { country: string; subdivision: string }) => {
  if (rate.country === "*" && rate.subdivision)
    throw new AppError("invalid_request", "A subdivision needs its country.", [
      { path: "subdivision", message: "a subdivision needs its country" },
    ]);
};

async function classOf(tx: Database, id: string) {
  const taxClass = await lockTaxClass(tx, id);
  if (!taxClass) throw new AppError("not_found", "No such tax class.");
  return taxClass;
}

export async function createTaxRate(ctx: ActorContext, classId: string, body: TaxRateBody) {
  return withConstraints(
    () =>
      ctx.transaction(async (tx) => {
        const taxClass = await classOf(tx, classId);
        const row = view(
          await insertTaxRate(tx, { ...body, subdivision: body.subdivision ?? "", taxClassId: classId }),
        );
        await recordAudit(tx, audit(ctx, "tax_rate.create", row.id, taxClass.name, null, row));
        return row;
      }),
    "tax rate",
  );
}

export async function changeTaxRate(ctx: ActorContext, classId: string, id: string, changes: TaxRateChanges) {
  return withConstraints(
    () =>
      ctx.transaction(async (tx) => {
        const taxClass = await classOf(tx, classId);
        const before = await lockTaxRate(tx, classId, id);
        if (!before) throw new AppError("not_found", "No such tax rate.");
        refuseWorldSubdivision({ ...before, ...changes });
        const after = view(await updateTaxRate(tx, id, changes));
        await recordAudit(tx, audit(ctx, "tax_rate.update", id, taxClass.name, view(before), after));
        return after;
      }),
    "tax rate",
  );
}

export async function removeTaxRate(ctx: ActorContext, classId: string, id: string) {
  await ctx.transaction(async (tx) => {
    const taxClass = await classOf(tx, classId);
    const before = await deleteTaxRate(tx, classId, id);
    if (!before) throw new AppError("not_found", "No such tax rate.");
    await recordAudit(tx, audit(ctx, "tax_rate.delete", id, taxClass.name, view(before), null));
  });
}
