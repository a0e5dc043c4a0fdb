import { readFile } from "node:fs/promises";
import { drizzle } from "drizzle-orm/pg-proxy";

/**
 * Finds the SQL the worker sends for a read, by running the worker's own catalog service with a
 * database that records every statement instead of sending it. Runs in a child process started with
 * `--experimental-transform-types`: the worker's code is TypeScript beyond what Node strips.
 *
 * Receives `CaptureRequest[]` over IPC and answers `CaptureAnswer`.
 */
export type CaptureRequest =
  | { key: string; read: "list"; query: Record<string, string> }
  | { key: string; read: "detail"; idOrSlug: string };

export interface Statement {
  query: string;
  params: (string | null)[];
}

export type CaptureAnswer = { statements: Record<string, Statement[]> } | { error: string };

/** Parameters as Neon's HTTP protocol carries them: text, or null. */
const asText = (value: unknown): string | null =>
  value === null || value === undefined
    ? null
    : value instanceof Date
      ? value.toISOString()
      : typeof value === "object"
        ? JSON.stringify(value)
        : String(value);

async function capture(requests: CaptureRequest[]): Promise<Record<string, Statement[]>> {
  // Loaded by path at run time: the worker's types belong to the worker's project, not this one.
  const worker = (path: string) => import(new URL(`../worker/${path}`, import.meta.url).href);
  const { getProduct, listProducts } = await worker("services/catalog.service.ts");
  const { productQuerySchema } = await worker("schemas/catalog.ts");
  const wrangler = await readFile(new URL("../wrangler.toml", import.meta.url), "utf8");
  const currency = /^CURRENCY\s*=\s*"([^"]+)"/m.exec(wrangler)?.[1] ?? "USD";

  let recorded: Statement[] = [];
  const db = drizzle(async (query, params, method) => {
    recorded.push({ query, params: params.map(asText) });
    // No rows: enough for the read to have sent its statement. `execute` hands back the result object itself.
    return method === "execute" ? { rows: { rows: [], rowCount: 0 } as unknown as unknown[] } : { rows: [] };
  });
  const provided: Record<string, unknown> = { db, config: { currency, environment: "development" } };
  const ctx = new Proxy(provided, {
    get(target, property) {
      if (typeof property === "symbol" || property === "then") return undefined;
      if (property in target) return target[property];
      throw new Error(`the read uses ctx.${property}, which the floor's capture does not provide`);
    },
  }) as any;

  const statements: Record<string, Statement[]> = {};
  for (const request of requests) {
    recorded = [];
    try {
      if (request.read === "list") await listProducts(ctx, productQuerySchema.parse(request.query) as any);
      else await getProduct(ctx, request.idOrSlug);
    } catch (error) {
      // Without rows a detail is "not found": expected. Anything thrown before a statement went out is not.
      if (recorded.length === 0) throw error;
    }
    statements[request.key] = recorded;
  }
  return statements;
}

// The answer is large: the channel closes only once it is sent.
const answer = (message: CaptureAnswer) => process.send?.(message, () => process.disconnect());
process.once("message", (requests: CaptureRequest[]) => {
  capture(requests)
    .then((statements) => answer({ statements }))
    .catch((error: Error) => answer({ error: error.stack ?? error.message }));
});
