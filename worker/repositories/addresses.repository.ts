import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { Address, AddressBody } from "../schemas/addresses.ts";
import { isoTime } from "./sql.ts";

/** How many addresses an account keeps. */
export const maxAddresses = 20;

/** An address in the API's shape (optional fields left out when empty). */
const addressJson = sql`json_strip_nulls(json_build_object('id', a.id, 'name', a.name, 'line1', a.line1,
  'line2', a.line2, 'city', a.city, 'subdivision', a.subdivision, 'postalCode', a.postal_code,
  'country', a.country, 'phone', a.phone, 'isDefaultShipping', a.is_default_shipping,
  'isDefaultBilling', a.is_default_billing, 'createdAt', ${isoTime(sql`a.created_at`)}))`;

export const addressesStatement = (db: Database, userId: string) =>
  db.execute<{ address: Address }>(sql`
    SELECT ${addressJson} AS address FROM addresses a WHERE a.user_id = ${userId}
    ORDER BY a.is_default_shipping DESC, a.created_at, a.id`);

/** Changes of one account's addresses run one after another: a default is then only ever moved, never doubled. */
export const lockAddressesStatement = (db: Database, userId: string) =>
  db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`addresses:${userId}`}, 0))`);

/**
 * Takes the defaults the address `keep` (a new one when null) is about to become away from the
 * account's others; nothing when the address to keep is not the account's.
 */
export const moveDefaultsStatement = (db: Database, userId: string, keep: string | null, body: AddressBody) => {
  const shipping = body.isDefaultShipping === true;
  const billing = body.isDefaultBilling === true;
  const exists = keep ? sql`EXISTS (SELECT 1 FROM addresses WHERE id = ${keep} AND user_id = ${userId})` : sql`true`;
  return db.execute(sql`
    UPDATE addresses SET
      is_default_shipping = is_default_shipping AND NOT ${shipping},
      is_default_billing = is_default_billing AND NOT ${billing}
    WHERE user_id = ${userId} AND id IS DISTINCT FROM ${keep}::uuid
      AND ((${shipping} AND is_default_shipping) OR (${billing} AND is_default_billing)) AND ${exists}`);
};

const fieldsOf = (body: AddressBody) => ({
  line2: body.line2 ?? null,
  subdivision: body.subdivision ?? null,
  phone: body.phone ?? null,
});

/** Adds an address (the account's first one becomes its defaults); none when the account has `maxAddresses`. */
export const insertAddressStatement = (db: Database, userId: string, body: AddressBody) => {
  const { line2, subdivision, phone } = fieldsOf(body);
  return db.execute<{ address: Address }>(sql`
    WITH a AS (
      INSERT INTO addresses (user_id, name, line1, line2, city, subdivision, postal_code, country, phone,
        is_default_shipping, is_default_billing)
      SELECT ${userId}, ${body.name}, ${body.line1}, ${line2}, ${body.city}, ${subdivision}, ${body.postalCode},
        ${body.country}, ${phone},
        coalesce(${body.isDefaultShipping ?? null}::boolean,
          NOT EXISTS (SELECT 1 FROM addresses WHERE user_id = ${userId} AND is_default_shipping)),
        coalesce(${body.isDefaultBilling ?? null}::boolean,
          NOT EXISTS (SELECT 1 FROM addresses WHERE user_id = ${userId} AND is_default_billing))
      WHERE (SELECT count(*) FROM addresses WHERE user_id = ${userId}) < ${maxAddresses}
      RETURNING *
    )
    SELECT ${addressJson} AS address FROM a`);
};

/** Replaces an address's fields (defaults as asked, else as they were); none when it is not the account's. */
export const replaceAddressStatement = (db: Database, userId: string, id: string, body: AddressBody) => {
  const { line2, subdivision, phone } = fieldsOf(body);
  return db.execute<{ address: Address }>(sql`
    WITH a AS (
      UPDATE addresses SET name = ${body.name}, line1 = ${body.line1}, line2 = ${line2}, city = ${body.city},
        subdivision = ${subdivision}, postal_code = ${body.postalCode}, country = ${body.country}, phone = ${phone},
        is_default_shipping = coalesce(${body.isDefaultShipping ?? null}::boolean, is_default_shipping),
        is_default_billing = coalesce(${body.isDefaultBilling ?? null}::boolean, is_default_billing),
        updated_at = now()
      WHERE id = ${id} AND user_id = ${userId}
      RETURNING *
    )
    SELECT ${addressJson} AS address FROM a`);
};

export const deleteAddressStatement = (db: Database, userId: string, id: string) =>
  db.execute(sql`DELETE FROM addresses WHERE id = ${id} AND user_id = ${userId} RETURNING id`);

/** Where one of my saved addresses is, for a quote. */
export const addressDestinationStatement = (db: Database, userId: string, id: string) =>
  db.execute<{ country: string; subdivision: string | null; postalCode: string }>(sql`
    SELECT country, subdivision, postal_code AS "postalCode" FROM addresses WHERE id = ${id} AND user_id = ${userId}`);
