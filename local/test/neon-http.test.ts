import { Client, NeonDbError, neon } from "@neondatabase/serverless";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, direct, failure, postgresPort, stack, useHttpEndpoint, useWsProxy } from "./helpers.ts";

const endpoint = stack.bindings.NEON_HTTP_ENDPOINT;
useHttpEndpoint(endpoint);
useWsProxy(stack.bindings.NEON_WS_PROXY);

const sql = neon(databaseUrl);

beforeAll(async () => {
  const client = await direct();
  await client.query(`
    DROP TABLE IF EXISTS http_items;
    CREATE TABLE http_items (
      id serial PRIMARY KEY,
      sku text NOT NULL CONSTRAINT http_items_sku_key UNIQUE,
      price numeric(10, 2) NOT NULL CONSTRAINT http_items_price_positive CHECK (price > 0),
      qty bigint, tags text[], meta jsonb, at timestamptz, ok boolean, ref uuid
    );
    DROP TABLE IF EXISTS http_counters;
    CREATE TABLE http_counters (id int PRIMARY KEY, n int NOT NULL);
    INSERT INTO http_counters VALUES (1, 0);
  `);
  await client.end();
});

/** The same query through the driver's other path (Postgres protocol over the WebSocket proxy). */
async function overWebSocket(text: string, params: unknown[] = []) {
  const client = new Client(databaseUrl);
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

const typed = `SELECT 1::int4 AS i4, 32767::int2 AS i2, 9007199254740993::int8 AS i8, 12.50::numeric(10,2) AS num,
  1.5::float8 AS f8, '{"a":[1,"x"],"n":null}'::json AS j, '{"b":2}'::jsonb AS jb,
  '2026-01-02T03:04:05.678Z'::timestamptz AS ts, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS id,
  ARRAY[1,2,NULL]::int4[] AS ints, ARRAY['a','b,c','"q"',NULL,'']::text[] AS texts, true AS yes, false AS no,
  NULL::text AS nothing, '\\xdeadbeef'::bytea AS bytes, 'tëxt ✓'::text AS unicode`;

describe("neon() over the local Neon HTTP endpoint", () => {
  it("answers a query with the JS values the driver gives over the Postgres protocol", async () => {
    const [row] = await sql.query(typed);
    expect(row).toEqual((await overWebSocket(typed))[0]);
    expect(row).toMatchObject({
      i4: 1,
      i2: 32767,
      i8: "9007199254740993",
      num: "12.50",
      f8: 1.5,
      j: { a: [1, "x"], n: null },
      jb: { b: 2 },
      id: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
      ints: [1, 2, null],
      texts: ["a", "b,c", '"q"', null, ""],
      yes: true,
      no: false,
      nothing: null,
      unicode: "tëxt ✓",
    });
    expect(row.ts).toBeInstanceOf(Date);
    expect((row.ts as Date).toISOString()).toBe("2026-01-02T03:04:05.678Z");
    expect([...(row.bytes as Uint8Array)]).toEqual([0xde, 0xad, 0xbe, 0xef]);
  });

  it("binds parameters of every kind and NULLs", async () => {
    const when = new Date("2026-03-04T05:06:07.089Z");
    const rows = await sql`SELECT ${1}::int4 AS a, ${'it\'s "quoted"'}::text AS b, ${null}::int4 AS c,
      ${true}::bool AS d, ${when}::timestamptz AS e, ${[1, 2, 3]}::int4[] AS f, ${{ k: ["v", 1] }}::jsonb AS g,
      ${"9007199254740993"}::int8 AS h, ${"12.345"}::numeric AS i, ${["x y", 'q"', null]}::text[] AS j,
      ${Buffer.from([1, 2, 255])}::bytea AS k, ${undefined}::text AS l`;
    expect(rows[0]).toMatchObject({
      a: 1,
      b: 'it\'s "quoted"',
      c: null,
      d: true,
      f: [1, 2, 3],
      g: { k: ["v", 1] },
      h: "9007199254740993",
      i: "12.345",
      j: ["x y", 'q"', null],
      l: null,
    });
    expect((rows[0].e as Date).getTime()).toBe(when.getTime());
    expect([...(rows[0].k as Uint8Array)]).toEqual([1, 2, 255]);
  });

  it("answers full results and array mode like Neon", async () => {
    const full = neon(databaseUrl, { fullResults: true, arrayMode: true });
    const result = await full`SELECT 1 AS one, 'x'::text AS two`;
    expect(result).toMatchObject({ command: "SELECT", rowCount: 1, rows: [[1, "x"]], rowAsArray: true });
    expect(result.fields.map((f) => [f.name, f.dataTypeID])).toEqual([
      ["one", 23],
      ["two", 25],
    ]);
    await sql`DELETE FROM http_items WHERE sku LIKE 'full-%'`;
    const inserted = await full.query(
      "INSERT INTO http_items (sku, price) VALUES ('full-1', 1), ('full-2', 2) RETURNING id",
    );
    expect(inserted).toMatchObject({ command: "INSERT", rowCount: 2 });
    const updated = await full.query("UPDATE http_items SET price = price + 1 WHERE sku LIKE 'full-%'");
    expect(updated).toMatchObject({ command: "UPDATE", rowCount: 2, rows: [], fields: [] });
    const created = await full.query("CREATE TEMP TABLE IF NOT EXISTS http_scratch (x int)");
    expect(created).toMatchObject({ command: "CREATE", rowCount: null });
  });

  it("answers the raw protocol with Neon's shapes, and JSON values without raw text output", async () => {
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(endpoint, {
        method: "POST",
        headers: { "Neon-Connection-String": databaseUrl, ...headers },
        body: JSON.stringify(body),
      });
    const raw = await post(
      { query: "SELECT $1::int4 AS n, true AS b", params: [7] },
      { "Neon-Raw-Text-Output": "true", "Neon-Array-Mode": "true" },
    );
    expect(raw.status).toBe(200);
    expect(await raw.json()).toEqual({
      rowAsArray: true,
      fields: [
        { name: "n", dataTypeID: 23, tableID: 0, columnID: 0, dataTypeSize: 4, dataTypeModifier: -1, format: "text" },
        { name: "b", dataTypeID: 16, tableID: 0, columnID: 0, dataTypeSize: 1, dataTypeModifier: -1, format: "text" },
      ],
      rows: [["7", "t"]],
      command: "SELECT",
      rowCount: 1,
    });
    const typedJson = await post({
      query:
        "SELECT 7::int4 AS n, 7::int8 AS big, 2.5::float8 AS f, true AS b, '[1,{\"a\":2}]'::jsonb AS j, ARRAY[1,NULL]::int4[] AS a, 'x' AS t",
    });
    expect((await typedJson.json()).rows).toEqual([
      { n: 7, big: "7", f: 2.5, b: true, j: [1, { a: 2 }], a: [1, null], t: "x" },
    ]);
    const batch = await post(
      { queries: [{ query: "SELECT 1 AS x" }, { query: "SELECT 2 AS y", arrayMode: true }] },
      { "Neon-Raw-Text-Output": "true", "Neon-Batch-Read-Only": "true" },
    );
    expect(batch.headers.get("neon-batch-read-only")).toBe("true");
    expect((await batch.json()).results.map((r: { rows: unknown }) => r.rows)).toEqual([[{ x: "1" }], [["2"]]]);
    expect((await post({ nonsense: true })).status).toBe(400);
    expect((await fetch(endpoint.replace("/sql", "/other"), { method: "POST" })).status).toBe(404);
  });

  it("runs a batch in one transaction with the requested isolation, read-only and deferrable", async () => {
    const [isolation, readOnly, deferrable, same] = await sql.transaction(
      [
        sql`SHOW transaction_isolation`,
        sql`SHOW transaction_read_only`,
        sql`SHOW transaction_deferrable`,
        sql`SELECT txid_current_if_assigned() IS NULL AS fresh, pg_backend_pid() AS pid`,
      ],
      { isolationLevel: "Serializable", readOnly: true, deferrable: true },
    );
    expect(isolation).toEqual([{ transaction_isolation: "serializable" }]);
    expect(readOnly).toEqual([{ transaction_read_only: "on" }]);
    expect(deferrable).toEqual([{ transaction_deferrable: "on" }]);
    expect(same[0].fresh).toBe(true);

    const [[a], [b]] = await sql.transaction([sql`SELECT now() AS t`, sql`SELECT pg_sleep(0.01), now() AS t`]);
    expect(a.t).toEqual(b.t); // one transaction: now() does not move
    const [level] = await sql.transaction([sql`SHOW transaction_isolation`], { isolationLevel: "RepeatableRead" });
    expect(level).toEqual([{ transaction_isolation: "repeatable read" }]);

    const { error } = await failure(() =>
      sql.transaction([sql`INSERT INTO http_counters VALUES (2, 0)`], { readOnly: true }),
    );
    expect(error).toBeInstanceOf(NeonDbError);
    expect(error.code).toBe("25006");
  });

  it("rolls back a whole batch when a statement fails, with the SQLSTATE and the constraint", async () => {
    await sql`DELETE FROM http_items WHERE sku IN ('dup', 'first-of-batch')`;
    await sql`INSERT INTO http_items (sku, price) VALUES ('dup', 1)`;
    const { error } = await failure(() =>
      sql.transaction([
        sql`UPDATE http_counters SET n = n + 1 WHERE id = 1`,
        sql`INSERT INTO http_items (sku, price) VALUES ('first-of-batch', 1)`,
        sql`INSERT INTO http_items (sku, price) VALUES ('dup', 2)`,
      ]),
    );
    expect(error).toBeInstanceOf(NeonDbError);
    expect(error).toMatchObject({
      code: "23505",
      constraint: "http_items_sku_key",
      table: "http_items",
      schema: "public",
      severity: "ERROR",
      detail: "Key (sku)=(dup) already exists.",
    });
    expect(error.message).toMatch(/duplicate key value violates unique constraint "http_items_sku_key"/);
    expect(await sql`SELECT sku FROM http_items WHERE sku = 'first-of-batch'`).toEqual([]);
    expect(await sql`SELECT n FROM http_counters WHERE id = 1`).toEqual([{ n: 0 }]);

    const check = await failure(() => sql`INSERT INTO http_items (sku, price) VALUES ('free', -1)`);
    expect(check.error).toMatchObject({ code: "23514", constraint: "http_items_price_positive" });
    const syntax = await failure(() => sql.query("SELEC 1"));
    expect(syntax.error).toMatchObject({ code: "42601", position: "1" });
  });

  it("runs one statement per query, outside any transaction, as Neon does", async () => {
    const twoStatements = await failure(() => sql.query("SELECT 1; SELECT 2"));
    expect(twoStatements.error.code).toBe("42601");
    // A statement that opens a transaction must not leave it to the next request on the same connection.
    await sql.query("BEGIN");
    await sql`DELETE FROM http_items WHERE sku = 'after-begin'`;
    await sql`INSERT INTO http_items (sku, price) VALUES ('after-begin', 1)`;
    const client = await direct();
    const seen = await client.query("SELECT 1 FROM http_items WHERE sku = 'after-begin'");
    await client.end();
    expect(seen.rowCount).toBe(1);
    const [row] = await sql`SELECT txid_current_if_assigned() IS NULL AS fresh`;
    expect(row.fresh).toBe(true);
  });

  it("connects with the credentials of the connection string, and reaches only the local Postgres", async () => {
    const wrongPassword = databaseUrl.replace("postgres:postgres@", "postgres:wrong@");
    const auth = await failure(() => neon(wrongPassword)`SELECT 1`);
    expect(auth.error).toBeInstanceOf(NeonDbError);
    expect(auth.error.code).toBe("28P01");

    const database = new URL(databaseUrl).pathname;
    for (const elsewhere of [
      `postgres://postgres:postgres@db.example.com:5432${database}`,
      `postgres://postgres:postgres@localhost:${postgresPort + 1}${database}`,
      `postgres://postgres:postgres@10.0.0.1:${postgresPort}${database}`,
    ]) {
      const { error } = await failure(() => neon(elsewhere)`SELECT 1`);
      expect(error).toBeInstanceOf(NeonDbError);
      expect(error.message).toMatch(/is not allowed/);
    }
    const missing = await fetch(endpoint, { method: "POST", body: JSON.stringify({ query: "SELECT 1" }) });
    expect(missing.status).toBe(400);
  });
});
