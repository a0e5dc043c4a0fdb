import { type NeonQueryFunction, type NeonQueryPromise, neon, neonConfig, Pool } from "@neondatabase/serverless";
import { drizzle as drizzleHttp, type NeonHttpDatabase } from "drizzle-orm/neon-http";
import { drizzle as drizzlePool } from "drizzle-orm/neon-serverless";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema.ts";

/** What both drivers answer for a statement: its rows, and how many it touched. */
export interface StatementResult<Row> {
  rows: Row[];
  rowCount: number | null;
}

interface ResultHKT extends PgQueryResultHKT {
  type: StatementResult<this["row"]>;
}

/** The shop's database, whichever driver carries the statement. */
export type Database = PgDatabase<ResultHKT, typeof schema>;

/** Statements over Neon's HTTP path: one round trip each, and `batch` for several in one transaction. */
export type HttpDatabase = Database & Pick<NeonHttpDatabase<typeof schema>, "batch">;

export interface DatabaseConfig {
  DATABASE_URL: string;
  /** Local development only: the WebSocket-to-TCP proxy that stands in for Neon's (`host:port/v1`). */
  NEON_WS_PROXY?: string;
  /** Local development only: the endpoint that stands in for Neon's HTTP query path. */
  NEON_HTTP_ENDPOINT?: string;
}

/** Round trips to the database and Redis made for one request, and the time they took. */
export interface RoundTrips {
  db: number;
  dbMs: number;
  redis: number;
  redisMs: number;
}

/**
 * A statement that must travel with the request's first statement (the signed-in user's session
 * check): it runs first in the same round trip, and its failure fails the whole batch.
 */
export interface Prelude {
  query: string;
  params: unknown[];
  /** Takes the prelude's first row once it ran; called at most once. */
  settle(row: Record<string, unknown> | undefined): void;
}

export interface DatabaseHandle {
  db: HttpDatabase;
  /** An interactive transaction on a WebSocket Pool, for work that must decide between statements. */
  transaction<T>(work: (tx: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  trips: RoundTrips;
  /** How long any statement may take before the request gives up on the database. */
  deadlineMs: number;
  /** Resolves the prelude to run before the first statement, if one is owed. */
  prelude?: () => Prelude | undefined;
}

/**
 * The request's database: statements go over Neon's one-round-trip HTTP path; a Pool (a WebSocket,
 * several round trips to open) is opened only for an interactive transaction, and must be closed
 * (in `waitUntil`) before the request ends, as Workers cannot share sockets across requests.
 */
export function openDatabase(config: DatabaseConfig, options: DatabaseOptions): DatabaseHandle {
  if (config.NEON_HTTP_ENDPOINT) neonConfig.fetchEndpoint = config.NEON_HTTP_ENDPOINT;
  if (config.NEON_WS_PROXY) {
    const proxy = config.NEON_WS_PROXY;
    neonConfig.wsProxy = (host, port) => `${proxy}?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
  }
  const raw = neon(config.DATABASE_URL);
  const client = instrumented(raw, options);
  let pool: Pool | undefined;
  let closed = false;
  return {
    db: drizzleHttp({ client, schema }) as unknown as HttpDatabase,
    async transaction(work) {
      pool ??= openPool(config, options);
      const db = drizzlePool({ client: pool, schema }) as unknown as Database;
      // A prelude owed (the session check) runs over HTTP while the socket opens, and must pass.
      const owed = options.prelude?.();
      const checked = owed ? runPrelude(raw, owed, options) : Promise.resolve();
      checked.catch(() => {});
      return db
        .transaction(async (tx) => {
          await checked;
          return work(tx);
        })
        .catch((failure: unknown) => {
          // A WebSocket that cannot open rejects with its ErrorEvent, which is no Error: wrapped, it
          // reaches the error handler (and is told apart as the database being unavailable).
          if (failure instanceof Error) throw failure;
          const message = String((failure as { message?: unknown })?.message ?? failure);
          throw new Error(`WebSocket to the database failed: ${message}`, { cause: failure });
        });
    },
    close: async () => {
      if (closed || !pool) return;
      closed = true;
      await pool.end().catch(() => {});
    },
  };
}

function openPool(config: DatabaseConfig, options: DatabaseOptions): Pool {
  const pool = new Pool({
    connectionString: config.DATABASE_URL,
    max: 5,
    connectionTimeoutMillis: options.deadlineMs,
    query_timeout: options.deadlineMs,
  });
  // Idle sockets torn down with the request surface here; without a listener they are uncaught.
  pool.on("error", () => {});
  pool.on("connect", (connection: { query: (...args: unknown[]) => Promise<unknown>; on: Pool["on"] }) => {
    // A socket lost while the client is checked out fails the statement in flight; unheard, the
    // client's own error event would be an uncaught exception as well.
    connection.on("error", () => {});
    const query = connection.query.bind(connection);
    connection.query = async (...args) => {
      const started = performance.now();
      options.trips.db += 1;
      try {
        return await query(...args);
      } finally {
        options.trips.dbMs += performance.now() - started;
      }
    };
  });
  return pool;
}

type Client = NeonQueryFunction<false, false>;
type Query = NeonQueryPromise<boolean, boolean>;
type QueryOptions = Parameters<Client["query"]>[2];

/** Runs a prelude alone over HTTP, while an interactive transaction opens its socket. */
async function runPrelude(sql: Client, prelude: Prelude, options: DatabaseOptions) {
  const started = performance.now();
  options.trips.db += 1;
  try {
    const result = (await sql.query(prelude.query, prelude.params, {
      arrayMode: false,
      fullResults: true,
      fetchOptions: { signal: AbortSignal.timeout(options.deadlineMs) },
    })) as unknown as { rows: Record<string, unknown>[] };
    prelude.settle(result.rows[0]);
  } finally {
    options.trips.dbMs += performance.now() - started;
  }
}

/**
 * The Neon HTTP client as drizzle calls it, with three things added: every HTTP request is counted
 * and timed, each carries a deadline, and a prelude owed rides along with the first statement or
 * batch, as a transaction of its own statements plus the prelude first (still one round trip).
 */
function instrumented(sql: Client, options: DatabaseOptions): Client {
  const deadline = () => ({ fetchOptions: { signal: AbortSignal.timeout(options.deadlineMs) } });

  async function send(queries: Query[], opts?: QueryOptions, single = false) {
    const started = performance.now();
    options.trips.db += 1;
    try {
      const owed = options.prelude?.();
      if (!owed && single) {
        const [query] = queries;
        return [await query.execute(query.queryData, { ...query.opts, ...deadline() })];
      }
      const prelude = owed ? [sql.query(owed.query, owed.params, { arrayMode: false, fullResults: true })] : [];
      const batch = [...prelude, ...queries] as NeonQueryPromise<false, false>[];
      const results = (await sql.transaction(batch, { ...opts, ...deadline() })) as unknown[];
      if (owed) owed.settle((results[0] as { rows: Record<string, unknown>[] }).rows[0]);
      return results.slice(prelude.length);
    } finally {
      options.trips.dbMs += performance.now() - started;
    }
  }

  const wrapped = ((strings: TemplateStringsArray, ...values: unknown[]) => sql(strings, ...values)) as Client;
  wrapped.query = ((query: string, params?: unknown[], opts?: QueryOptions) => {
    const real = sql.query(query, params, opts) as Query;
    // Still a query of the driver's (a batch takes it as one), but run through `send` when awaited.
    const run = () => send([real], opts, true).then((results) => results[0]);
    return Object.create(real, {
      // biome-ignore lint/suspicious/noThenProperty: the driver's queries are thenables, and so must this one be.
      then: { value: (resolve: never, reject: never) => run().then(resolve, reject) },
      catch: { value: (reject: never) => run().catch(reject) },
      finally: { value: (done: never) => run().finally(done) },
    });
  }) as Client["query"];
  wrapped.transaction = ((queries: Query[], opts?: QueryOptions) => send(queries, opts)) as Client["transaction"];
  wrapped.unsafe = sql.unsafe;
  return wrapped;
}
