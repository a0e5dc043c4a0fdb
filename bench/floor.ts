import { fork } from "node:child_process";
import type { CaptureAnswer, CaptureRequest, Statement } from "./capture.ts";
import { atExit } from "./cleanup.ts";
import { type LoadResult, runLoad, spend } from "./load.ts";
import type { Budget } from "./options.ts";

/**
 * The floor of a read: its SQL, as the worker sends it, sent by the benchmark straight to the same
 * Postgres over the same path (the Neon HTTP endpoint, at the same simulated distance), by the same load
 * generator with the same connections. What the request would cost if the worker added nothing.
 * Writes have no single statement to replay: their floor is one round trip (`SELECT 1`), the least any
 * request that reaches the database costs.
 */
export type FloorKind = "list" | "detail" | "search" | "roundTrip";

/** Each kind's statements; a request of the floor picks one at random, as the scenario picks its URL. */
export type FloorStatements = Record<FloorKind, Statement[][]>;

/** Asks the worker's own catalog code which SQL each read sends (see capture.ts). */
export async function captureFloorSql(slugs: string[], terms: string[]): Promise<FloorStatements> {
  const requests: CaptureRequest[] = [
    { key: "list", read: "list", query: {} },
    ...terms.map((q, i) => ({ key: `search:${i}`, read: "list" as const, query: { q } })),
    ...slugs.map((slug, i) => ({ key: `detail:${i}`, read: "detail" as const, idOrSlug: slug })),
  ];
  const child = fork(new URL("./capture.ts", import.meta.url), [], {
    execArgv: ["--experimental-transform-types", "--disable-warning=ExperimentalWarning"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  atExit(async () => {
    if (child.exitCode === null) child.kill();
  });
  const answer = await new Promise<CaptureAnswer>((resolve, reject) => {
    child.once("message", (message: CaptureAnswer) => resolve(message));
    child.once("exit", (code) => reject(new Error(`the SQL capture exited (code ${code}) before answering`)));
    child.send(requests);
  });
  if ("error" in answer) throw new Error(answer.error);
  const pick = (prefix: string) =>
    Object.entries(answer.statements)
      .filter(([key]) => key === prefix || key.startsWith(`${prefix}:`))
      .map(([, statements]) => statements);
  return {
    list: pick("list"),
    search: pick("search"),
    detail: pick("detail"),
    roundTrip: [[{ query: "SELECT 1", params: [] }]],
  };
}

/** A request body for Neon's HTTP protocol: one statement, or a batch (one round trip) when a read sends several. */
const bodyOf = (statements: Statement[]) =>
  JSON.stringify(statements.length === 1 ? statements[0] : { queries: statements });

export function runFloor(
  neonHttpUrl: string,
  databaseUrl: string,
  statements: Statement[][],
  connections: number,
  budget: Budget,
): Promise<LoadResult> {
  const bodies = statements.map(bodyOf);
  return runLoad({
    url: neonHttpUrl,
    connections,
    ...spend(budget, connections),
    method: "POST",
    headers: {
      "content-type": "application/json",
      "neon-connection-string": databaseUrl,
      "neon-raw-text-output": "true",
      "neon-array-mode": "true",
    },
    body: bodies[0],
    setupRequest:
      bodies.length > 1 ? (req) => ({ ...req, body: bodies[Math.floor(Math.random() * bodies.length)] }) : undefined,
  });
}
