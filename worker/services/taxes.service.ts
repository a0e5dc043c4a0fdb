import { AppError } from "../lib/errors.ts";
import { withConstraints } from "../lib/pg-errors.ts";
import type { ActorContext, ShopContext } from "../platform/context.ts";
import { recordAudit } from "../repositories/audit.repository.ts";
import {
  clearDefaultClass,
  deleteTaxClass,
  findTaxClass,
  insertTaxClass,
  lockDefaultClass,
  lockTaxClass,
  taxClassesStatement,
  taxClassUse,
  updateTaxClass,
} from "../repositories/taxes.repository.ts";
import type { TaxClassBody, TaxClassChanges } from "../schemas/taxes-admin.ts";

/**
 * Tax classes: exactly one is the default (the class new variants get); one that variants or
 * shipping are taxed by stays. Each change in one transaction with its audit row; quotes read the
 * classes afresh on every request.
 */
export async function listTaxClasses(ctx: ShopContext) {
  return { items: (await taxClassesStatement(ctx.db)).rows };
}

async function classView(ctx: ShopContext, id: string) {
  const view = await findTaxClass(ctx.db, id);
  if (!view) throw new AppError("not_found", "No such tax class.");
  return view;
}

const audit = (ctx: ActorContext, action: string, entityId: string, before: unknown, after: unknown) =>
  ({ actorId: ctx.actor.id, action, entity: "tax_class", entityId, before, after }) as const;

export async function createTaxClass(ctx: ActorContext, body: TaxClassBody) {
  const row = await withConstraints(
    () =>
      ctx.transaction(async (tx) => {
        if (body.isDefault) {
          await lockDefaultClass(tx);
          await clearDefaultClass(tx, null);
        }
        const created = await insertTaxClass(tx, body);
        await recordAudit(tx, audit(ctx, "tax_class.create", created.id, null, created));
        return created;
      }),
    "tax class",
  );
  return classView(ctx, row.id);
}

export async function changeTaxClass(ctx: ActorContext, id: string, changes: TaxClassChanges) {
  await withConstraints(
    () =>
      ctx.transaction(async (tx) => {
        if (changes.isDefault) await lockDefaultClass(tx);
        const before = await lockTaxClass(tx, id);
        if (!before) throw new AppError("not_found", "No such tax class.");
        if (changes.isDefault === false && before.isDefault)
          throw new AppError("conflict", "The shop always has a default tax class: make another class the default.", [
            { path: "isDefault", message: "make another class the default instead" },
          ]);
        if (changes.isDefault && !before.isDefault) await clearDefaultClass(tx, id);
        const after = await updateTaxClass(tx, id, changes);
        await recordAudit(tx, audit(ctx, "tax_class.update", id, before, after));
      }),
    "tax class",
  );
  return classView(ctx, id);
}

/** Deletes a class with its rates, unless it is the default or variants or shipping are taxed by it. */
export async function removeTaxClass(ctx: ActorContext, id: string) {
  await withConstraints(
    () =>
      ctx.transaction(async (tx) => {
        const before = await lockTaxClass(tx, id);
        if (!before) throw new AppError("not_found", "No such tax class.");
        const use = await taxClassUse(tx, id);
        const refusal = before.isDefault
          ? "It is the default class: make another class the default first."
          : use.shipping
            ? "Shipping is taxed by it: tax shipping by another class first."
            : use.variants > 0
              ? `${use.variants} variant${use.variants === 1 ? " is" : "s are"} taxed by it: give them another class first.`
              : null;
        if (refusal) throw new AppError("conflict", `${before.name} cannot be deleted. ${refusal}`, { ...use });
        await deleteTaxClass(tx, id);
        await recordAudit(tx, audit(ctx, "tax_class.delete", id, before, null));
      }),
    "tax class",
  );
}
