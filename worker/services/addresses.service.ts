import { AppError } from "../lib/errors.ts";
import type { ShopContext } from "../platform/context.ts";
import {
  addressesStatement,
  deleteAddressStatement,
  insertAddressStatement,
  lockAddressesStatement,
  maxAddresses,
  moveDefaultsStatement,
  replaceAddressStatement,
} from "../repositories/addresses.repository.ts";
import type { Address, AddressBody } from "../schemas/addresses.ts";

/** My address book, my default shipping address first. */
export async function listAddresses(ctx: ShopContext, userId: string) {
  const result = await addressesStatement(ctx.db, userId);
  return { items: result.rows.map((row) => row.address) };
}

/**
 * Saves an address (new when `id` is null) in one round trip: the account's addresses locked, the
 * defaults it takes moved to it, then the address written. Two requests setting a default at once
 * leave exactly one default: the later one's.
 */
async function save(ctx: ShopContext, userId: string, id: string | null, body: AddressBody): Promise<Address> {
  const [, , written] = await ctx.db.batch([
    lockAddressesStatement(ctx.db, userId),
    moveDefaultsStatement(ctx.db, userId, id, body),
    id ? replaceAddressStatement(ctx.db, userId, id, body) : insertAddressStatement(ctx.db, userId, body),
  ]);
  const address = (written as { rows: { address: Address }[] }).rows[0]?.address;
  if (address) return address;
  if (id) throw new AppError("not_found", "There is no such address.");
  throw new AppError("conflict", `You keep ${maxAddresses} addresses: remove one before adding another.`);
}

export const addAddress = (ctx: ShopContext, userId: string, body: AddressBody) => save(ctx, userId, null, body);

export const replaceAddress = (ctx: ShopContext, userId: string, id: string, body: AddressBody) =>
  save(ctx, userId, id, body);

export async function removeAddress(ctx: ShopContext, userId: string, id: string) {
  const result = await deleteAddressStatement(ctx.db, userId, id);
  if (result.rows.length === 0) throw new AppError("not_found", "There is no such address.");
}
