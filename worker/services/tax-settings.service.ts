import { withConstraints } from "../lib/pg-errors.ts";
import type { ActorContext, ShopContext } from "../platform/context.ts";
import { recordAudit } from "../repositories/audit.repository.ts";
import { lockTaxSettings, taxSettingsStatement, updateTaxSettings } from "../repositories/taxes.repository.ts";
import type { TaxSettings, TaxSettingsChanges } from "../schemas/taxes-admin.ts";

/** The shop's tax setting: whether prices include tax, and the class shipping is taxed by. */
export async function getTaxSettings(ctx: ShopContext): Promise<TaxSettings> {
  const [row] = await taxSettingsStatement(ctx.db);
  return row;
}

export async function changeTaxSettings(ctx: ActorContext, changes: TaxSettingsChanges): Promise<TaxSettings> {
  return withConstraints(
    () =>
      ctx.transaction(async (tx) => {
        const before = await lockTaxSettings(tx);
        const after = await updateTaxSettings(tx, changes);
        await recordAudit(tx, {
          actorId: ctx.actor.id,
          action: "tax_settings.update",
          entity: "shop_settings",
          entityId: null,
          before,
          after,
        });
        return after;
      }),
    "tax setting",
  );
}
