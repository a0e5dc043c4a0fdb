import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { delay } from "./latency.ts";
import type { Logger } from "./log.ts";

/**
 * Neon's HTTP query protocol (`POST /sql`, the one-round-trip path of `neon()` and of drizzle's
 * `neon-http` driver) in front of local Postgres, so that the unmodified driver works locally with
 * `neonConfig.fetchEndpoint` pointed here:
 *
 * - body `{query, params, arrayMode?}`, or `{queries: [{query, params, arrayMode?}, …]}` for a batch;
 * - headers `Neon-Connection-String` (only the local Postgres may be named), `Neon-Raw-Text-Output`,
 *   `Neon-Array-Mode`, and for batches `Neon-Batch-Isolation-Level` (ReadUncommitted, ReadCommitted,
 *   RepeatableRead, Serializable), `Neon-Batch-Read-Only`, `Neon-Batch-Deferrable` (only "true" counts);
 * - answer `{rowAsArray, fields: [{name, dataTypeID, tableID, columnID, dataTypeSize, dataTypeModifier,
 *   format}], rows, command, rowCount}`, or `{results: […]}` for a batch; rows are Postgres' text, as the
 *   driver parses them itself with its type parsers;
 * - a Postgres error answers 400 `{message, code, detail, hint, position, internalPosition,
 *   internalQuery, severity, where, table, column, schema, dataType, constraint, file, line, routine}`.
 *
 * Each query uses the extended protocol (one statement, parameters bound), outside any transaction; a
 * batch runs in one transaction on one connection and is rolled back as a whole when a statement fails.
 * A client that goes away mid-request takes its database connection with it, so an open batch rolls back.
 */
export interface NeonHttpOptions {
  /** 0 picks a free port. */
  port: number;
  /** The local Postgres: the only server a connection string may name (as localhost or 127.0.0.1). */
  postgres: { host: string; port: number };
  log: Logger;
  /** Simulated round trip in ms, added to every request (half before the query runs, half after). */
  rttMs?: number;
  /** Connections per set of credentials (default 20). */
  maxConnections?: number;
}

export interface RunningNeonHttp {
  /** `http://127.0.0.1:<port>/sql`, the value for `neonConfig.fetchEndpoint`. */
  url: string;
  stop(): Promise<void>;
}

/** Neon's default limits for request and response bodies. */
const maxRequestBytes = 10 * 1024 * 1024;
const maxResponseBytes = 10 * 1024 * 1024;
/** Distinct credentials served at once; each has its own pool. */
const maxPools = 16;

const isolationLevels: Record<string, string> = {
  ReadUncommitted: "READ UNCOMMITTED",
  ReadCommitted: "READ COMMITTED",
  RepeatableRead: "REPEATABLE READ",
  Serializable: "SERIALIZABLE",
};

/** Every column arrives as Postgres sent it: text, or null. */
const rawText = { getTypeParser: () => (value: string) => value };

interface Statement {
  query: string;
  params: (string | null)[];
  arrayMode?: boolean;
}

interface Options {
  rawText: boolean;
  arrayMode: boolean;
}

class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export async function startNeonHttp(opts: NeonHttpOptions): Promise<RunningNeonHttp> {
  const rttMs = opts.rttMs ?? 0;
  const pools = new Map<string, pg.Pool>();
  let stopping = false;

  const poolFor = (connectionString: string | undefined): pg.Pool => {
    if (!connectionString)
      throw new HttpError(400, "missing connection string: send it in the Neon-Connection-String header");
    let url: URL;
    try {
      url = new URL(connectionString);
    } catch {
      throw new HttpError(400, "invalid connection string in the Neon-Connection-String header");
    }
    const host = url.hostname;
    const port = Number(url.port || 5432);
    if (
      (url.protocol !== "postgres:" && url.protocol !== "postgresql:") ||
      !["localhost", "127.0.0.1"].includes(host) ||
      port !== opts.postgres.port
    ) {
      throw new HttpError(
        400,
        `connection to ${host}:${port} is not allowed: this local endpoint serves only the local Postgres (localhost:${opts.postgres.port})`,
      );
    }
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    const database = decodeURIComponent(url.pathname.slice(1));
    if (!user || !database) throw new HttpError(400, "the connection string must name a user and a database");
    const key = JSON.stringify([user, password, database]);
    const existing = pools.get(key);
    if (existing) return existing;
    if (pools.size >= maxPools) throw new HttpError(400, `at most ${maxPools} distinct credentials are served at once`);
    const pool = new pg.Pool({
      host: opts.postgres.host,
      port: opts.postgres.port,
      user,
      password,
      database,
      application_name: url.searchParams.get("application_name") ?? "neon-http-local",
      max: opts.maxConnections ?? 20,
      idleTimeoutMillis: 10_000,
      connectionTimeoutMillis: 10_000,
      // A backend whose client vanished mid-statement notices within a quarter second and rolls back.
      options: "-c client_connection_check_interval=250",
    });
    pool.on("error", (error) => opts.log.error(`pooled connection: ${error.message}`));
    pools.set(key, pool);
    return pool;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let client: pg.PoolClient | undefined;
    let gone = false;
    // The client hung up (gave up, or the network was cut): its connection goes, an open transaction rolls back.
    res.on("close", () => {
      if (res.writableFinished) return;
      gone = true;
      if (client) discard(client);
      client = undefined;
    });
    const send = async (status: number, body: string, headers: Record<string, string> = {}) => {
      await delay(rttMs / 2);
      if (gone) return;
      res.writeHead(status, { "content-type": "application/json", ...headers }).end(body);
    };

    try {
      const path = new URL(req.url ?? "/", "http://neon").pathname;
      if (path !== "/sql") throw new HttpError(404, `no route ${path}: queries go to /sql`);
      if (req.method !== "POST") throw new HttpError(405, "queries are sent with POST");
      const body = await readBody(req);
      await delay(rttMs / 2);
      if (gone) return;

      const header = (name: string) => {
        const value = req.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      const options: Options = {
        rawText: header("neon-raw-text-output") === "true",
        arrayMode: header("neon-array-mode") === "true",
      };
      const isolation = header("neon-batch-isolation-level");
      if (isolation !== undefined && !isolationLevels[isolation]) throw new HttpError(400, "invalid isolation level");
      const readOnly = header("neon-batch-read-only") === "true";
      const deferrable = header("neon-batch-deferrable") === "true";
      const payload = parsePayload(body);
      const pool = poolFor(header("neon-connection-string"));

      client = await pool.connect();
      if (gone) {
        client.release();
        client = undefined;
        return;
      }

      if (!Array.isArray(payload)) {
        const result = await run(client, payload, options);
        // A statement that leaves a transaction open (BEGIN) must not hand it to the next request.
        if (client.getTransactionStatus() !== "I") discard(client);
        else client.release();
        client = undefined;
        return await send(200, limit(JSON.stringify(result)));
      }

      const modes = [
        isolation && `ISOLATION LEVEL ${isolationLevels[isolation]}`,
        readOnly && "READ ONLY",
        deferrable && "DEFERRABLE",
      ];
      await client.query(`START TRANSACTION ${modes.filter(Boolean).join(", ")}`);
      const results: unknown[] = [];
      try {
        for (const statement of payload) results.push(await run(client, statement, options));
        await client.query("COMMIT");
      } catch (error) {
        // The whole batch is undone; a connection that cannot even roll back is dropped below.
        if (client && !gone) await client.query("ROLLBACK").catch(() => {});
        throw error;
      }
      client?.release();
      client = undefined;
      const echoed: Record<string, string> = {};
      if (readOnly) echoed["Neon-Batch-Read-Only"] = "true";
      if (deferrable) echoed["Neon-Batch-Deferrable"] = "true";
      if (isolation) echoed["Neon-Batch-Isolation-Level"] = isolation;
      return await send(200, limit(JSON.stringify({ results })), echoed);
    } catch (error) {
      if (client) {
        // Only a connection that is known healthy and outside any transaction goes back to the pool.
        if (error instanceof pg.DatabaseError && client.getTransactionStatus() === "I") client.release();
        else discard(client);
        client = undefined;
      }
      if (gone) return;
      const [status, body] = errorAnswer(error);
      if (status >= 500) opts.log.error(`neon-http: ${(error as Error).message}`);
      return await send(status, JSON.stringify(body));
    }
  };

  const server = createServer((req, res) => {
    if (stopping) {
      res.writeHead(503).end();
      return;
    }
    handle(req, res).catch((error: Error) => {
      opts.log.error(`neon-http: ${error.stack ?? error.message}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: error.message }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, "127.0.0.1", resolve);
  });

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sql`,
    stop: async () => {
      stopping = true;
      // Dropping the connections aborts requests in flight, which discards their database connections.
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await Promise.all([...pools.values()].map((pool) => pool.end().catch(() => {})));
      pools.clear();
    },
  };
}

/** Runs one statement with the extended protocol (so a single statement, as on Neon), rows as text. */
async function run(client: pg.PoolClient, statement: Statement, options: Options) {
  const arrayMode = statement.arrayMode ?? options.arrayMode;
  const result = await client.query({
    text: statement.query,
    values: statement.params,
    rowMode: "array",
    types: rawText,
    queryMode: "extended",
  } as pg.QueryArrayConfig);
  const fields = result.fields.map((field) => ({
    name: field.name,
    dataTypeID: field.dataTypeID,
    tableID: field.tableID,
    columnID: field.columnID,
    dataTypeSize: field.dataTypeSize,
    dataTypeModifier: field.dataTypeModifier,
    format: "text",
  }));
  const convert = (value: unknown, i: number) =>
    value === null || options.rawText ? value : textToJson(value as string, fields[i].dataTypeID);
  const rows = (result.rows as unknown[][]).map((row) =>
    arrayMode ? row.map(convert) : Object.fromEntries(row.map((value, i) => [fields[i].name, convert(value, i)])),
  );
  return { rowAsArray: arrayMode, fields, rows, command: result.command, rowCount: result.rowCount ?? null };
}

/** Drops a connection for good: Postgres sees it vanish and rolls back whatever it had open. */
function discard(client: pg.PoolClient) {
  (client.connection as unknown as { stream?: { destroy(): void } }).stream?.destroy();
  try {
    client.release(true);
  } catch {
    // already released
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxRequestBytes) throw new HttpError(413, `request is too large (max is ${maxRequestBytes} bytes)`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function limit(json: string): string {
  if (Buffer.byteLength(json) > maxResponseBytes) {
    throw new HttpError(507, `response is too large (max is ${maxResponseBytes} bytes)`);
  }
  return json;
}

function parsePayload(body: string): Statement | Statement[] {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new HttpError(400, `request payload is not valid JSON: ${(error as Error).message}`);
  }
  const statement = (item: unknown): Statement => {
    const { query, params, arrayMode } = (item ?? {}) as Record<string, unknown>;
    if (typeof query !== "string") throw new HttpError(400, "each query needs a `query` string");
    if (params !== undefined && !Array.isArray(params)) throw new HttpError(400, "`params` must be an array");
    if (arrayMode !== undefined && typeof arrayMode !== "boolean")
      throw new HttpError(400, "`arrayMode` must be a boolean");
    return { query, params: (params ?? []).map(paramText), arrayMode };
  };
  if (value && typeof value === "object" && Array.isArray((value as { queries?: unknown }).queries)) {
    return (value as { queries: unknown[] }).queries.map(statement);
  }
  return statement(value);
}

/** A JSON parameter as Postgres text, the way Neon converts it: strings as they are, arrays as array literals. */
function paramText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return arrayLiteral(value);
  return JSON.stringify(value);
}

function arrayLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (Array.isArray(value)) return `{${value.map(arrayLiteral).join(",")}}`;
  return JSON.stringify(typeof value === "object" ? JSON.stringify(value) : value);
}

const boolOid = 16;
const intOids = new Set([21, 23]);
const floatOids = new Set([700, 701]);
const jsonOids = new Set([114, 3802]);
/** Array types and their element types, for answers without raw text output. */
const arrayElements = new Map<number, number>([
  [1000, 16],
  [1005, 21],
  [1007, 23],
  [1016, 20],
  [1021, 700],
  [1022, 701],
  [1231, 1700],
  [1009, 25],
  [1015, 1043],
  [2951, 2950],
  [199, 114],
  [3807, 3802],
  [1182, 1082],
  [1115, 1114],
  [1185, 1184],
]);

/** Postgres text as a JSON value, as Neon answers without `Neon-Raw-Text-Output: true`. */
function textToJson(text: string, oid: number): unknown {
  const element = arrayElements.get(oid);
  if (element !== undefined) return parseArray(text, element);
  if (oid === boolOid) return text === "t";
  if (intOids.has(oid)) return Number.parseInt(text, 10);
  if (floatOids.has(oid)) {
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  if (jsonOids.has(oid)) return JSON.parse(text);
  return text;
}

function parseArray(text: string, element: number): unknown {
  let i = text.startsWith("[") ? text.indexOf("=") + 1 : 0;
  const parseList = (): unknown[] => {
    const list: unknown[] = [];
    i++; // {
    if (text[i] === "}") {
      i++;
      return list;
    }
    for (;;) {
      if (text[i] === "{") list.push(parseList());
      else if (text[i] === '"') {
        let item = "";
        for (i++; text[i] !== '"'; i++) item += text[i] === "\\" ? text[++i] : text[i];
        i++;
        list.push(textToJson(item, element));
      } else {
        const end = text.slice(i).search(/[,}]/) + i;
        const item = text.slice(i, end);
        i = end;
        list.push(item === "NULL" ? null : textToJson(item, element));
      }
      if (text[i++] === "}") return list;
    }
  };
  return parseList();
}

const errorFields = [
  "detail",
  "hint",
  "position",
  "internalPosition",
  "internalQuery",
  "where",
  "table",
  "column",
  "schema",
  "dataType",
  "constraint",
  "file",
  "line",
  "routine",
] as const;

/** A failure as Neon answers it: a Postgres error carries every field of its ErrorResponse (SQLSTATE as `code`). */
function errorAnswer(error: unknown): [number, Record<string, unknown>] {
  if (error instanceof HttpError) return [error.status, { message: error.message, code: "", severity: "" }];
  const pgError = error as Partial<pg.DatabaseError> & Error;
  if (error instanceof pg.DatabaseError || (typeof pgError.code === "string" && /^[0-9A-Z]{5}$/.test(pgError.code))) {
    const body: Record<string, unknown> = {
      message: pgError.message,
      code: pgError.code,
      severity: pgError.severity ?? "",
    };
    for (const field of errorFields) body[field] = pgError[field] ?? null;
    return [400, body];
  }
  // Postgres unreachable, or the connection broke: not the query's fault.
  return [500, { message: (error as Error)?.message ?? String(error), code: "", severity: "" }];
}
