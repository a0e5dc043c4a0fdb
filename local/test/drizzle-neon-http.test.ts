import { neon, Pool } from "@neondatabase/serverless";
import { sql as dsql, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/neon-http";
import { drizzle as drizzleWs } from "drizzle-orm/neon-serverless";
import { bigint, boolean, jsonb, numeric, pgTable, serial, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, direct, failure, stack, useHttpEndpoint, useWsProxy } from "./helpers.ts";

// A file of its own: drizzle's neon-http driver changes the driver's global type parsers (timestamps
// and dates stay strings), which the plain neon() tests must not see.
useHttpEndpoint(stack.bindings.NEON_HTTP_ENDPOINT);
useWsProxy(stack.bindings.NEON_WS_PROXY);

const sql = neon(databaseUrl);

const items = pgTable("http_drizzle_items", {
  id: serial("id").primaryKey(),
  sku: text("sku").notNull().unique("http_drizzle_items_sku_key"),
  price: numeric("price", { precision: 10, scale: 2 }).notNull(),
  qty: bigint("qty", { mode: "bigint" }),
  tags: text("tags").array(),
  meta: jsonb("meta"),
  at: timestamp("at", { withTimezone: true }),
  ok: boolean("ok"),
  ref: uuid("ref"),
});

beforeAll(async () => {
  const client = await direct();
  await client.query(`
    DROP TABLE IF EXISTS http_drizzle_items;
    CREATE TABLE http_drizzle_items (
      id serial PRIMARY KEY,
      sku text NOT NULL CONSTRAINT http_drizzle_items_sku_key UNIQUE,
      price numeric(10, 2) NOT NULL,
      qty bigint, tags text[], meta jsonb, at timestamptz, ok boolean, ref uuid
    );
  `);
  await client.end();
});

describe("drizzle's neon-http driver over the local endpoint", () => {
  const db = drizzle({ client: sql });
  const row = {
    sku: "drizzle-a",
    price: "19.90",
    qty: 9007199254740993n,
    tags: ["red", "with space", 'quote"'],
    meta: { sizes: [38, 39], note: null },
    at: new Date("2026-05-06T07:08:09.123Z"),
    ok: true,
    ref: "0f8fad5b-d9cb-469f-a165-70867728950e",
  };

  it("inserts and selects every column type with the values drizzle gives over the Pool", async () => {
    await db.delete(items).where(dsql`${items.sku} LIKE 'drizzle-%'`);
    const [inserted] = await db.insert(items).values(row).returning();
    expect(inserted).toMatchObject(row);
    const [selected] = await db.select().from(items).where(eq(items.sku, "drizzle-a"));
    expect(selected).toEqual(inserted);

    const pool = new Pool({ connectionString: databaseUrl });
    try {
      const [overPool] = await drizzleWs({ client: pool }).select().from(items).where(eq(items.sku, "drizzle-a"));
      expect(selected).toEqual(overPool);
    } finally {
      await pool.end();
    }
  });

  it("runs db.batch in one transaction, and rolls all of it back when one statement fails", async () => {
    await db.delete(items).where(dsql`${items.sku} LIKE 'drizzle-b%'`);
    const [created, updated, listed, counted] = await db.batch([
      db.insert(items).values({ sku: "drizzle-b1", price: "1.00" }).returning({ id: items.id }),
      db.update(items).set({ price: "2.50" }).where(eq(items.sku, "drizzle-b1")).returning({ price: items.price }),
      db.select({ sku: items.sku }).from(items).where(dsql`${items.sku} LIKE 'drizzle-b%'`),
      db.execute(dsql`SELECT count(*)::int AS n FROM http_drizzle_items WHERE sku LIKE 'drizzle-b%'`),
    ]);
    expect(created).toHaveLength(1);
    expect(updated).toEqual([{ price: "2.50" }]);
    expect(listed).toEqual([{ sku: "drizzle-b1" }]);
    expect(counted.rows).toEqual([{ n: 1 }]);

    const { error } = await failure(() =>
      db.batch([
        db.insert(items).values({ sku: "drizzle-b2", price: "1.00" }),
        db.update(items).set({ price: "9.99" }).where(eq(items.sku, "drizzle-b1")),
        db.insert(items).values({ sku: "drizzle-b1", price: "1.00" }),
      ]),
    );
    const cause = error.cause ?? error;
    expect(cause).toMatchObject({ code: "23505", constraint: "http_drizzle_items_sku_key" });
    const after = await db
      .select({ sku: items.sku, price: items.price })
      .from(items)
      .where(dsql`${items.sku} LIKE 'drizzle-b%'`);
    expect(after).toEqual([{ sku: "drizzle-b1", price: "2.50" }]);

    const single = await failure(() => db.insert(items).values({ sku: "drizzle-b1", price: "1.00" }));
    expect(single.error.cause ?? single.error).toMatchObject({
      code: "23505",
      constraint: "http_drizzle_items_sku_key",
    });
  });
});
