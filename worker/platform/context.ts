import type { Redis } from "@upstash/redis/cloudflare";
import type { Database, HttpDatabase, RoundTrips } from "../../db/client.ts";
import type { Role } from "../lib/tokens.ts";
import type { Notifier } from "../notifications/message.ts";
import type { PaymentGateway } from "../payments/gateway.ts";
import type { ShopConfig } from "./config.ts";
import type { Live } from "./live.ts";
import type { Session } from "./session.ts";

/**
 * What every service works with, built once per request (and per job or room read): the clients of
 * the shop's dependencies, each made on first use, and its configuration.
 */
export interface ShopContext {
  /** Statements over Neon's HTTP path, one round trip each (or one per batch). */
  readonly db: HttpDatabase;
  /** An interactive transaction on a WebSocket Pool, for work that must decide between statements. */
  transaction<T>(work: (tx: Database) => Promise<T>): Promise<T>;
  readonly redis: Redis;
  readonly notifier: Notifier;
  readonly live: Live;
  readonly config: ShopConfig;
  readonly images: R2Bucket;
  /** The configured payment gateway, or a named one (a refund goes back through the one that was paid). */
  gateway(name?: PaymentGateway["name"]): PaymentGateway;
  /**
   * Runs work without holding the answer (in `waitUntil`), logging a failure rather than failing the
   * request: messages whose timing must not tell anything, and what follows a committed change.
   * Statements over `db` and Redis still work after the answer; an interactive transaction does not.
   */
  afterAnswer(what: string, work: () => Promise<unknown>): void;
  /** The round trips this context made so far (for tests, benchmarks and Server-Timing). */
  readonly trips: RoundTrips;
  /** The signed-in user's session, whose check rides with the first statement. */
  session?: Session;
}

export interface ContextHandle {
  ctx: ShopContext;
  /** Closes what the context opened (the database pool); call it once the work is done. */
  close(): Promise<void>;
}

/** A context acting for a signed-in user: their orders, their cart, their admin changes. */
export interface ActorContext extends ShopContext {
  /** Who acts, as the access token says (the session check confirms it with the request's first statement). */
  readonly actor: { id: string; role: Role };
  session: Session;
}
