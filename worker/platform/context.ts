import type { Redis } from "@upstash/redis/cloudflare";
import type { Database } from "../../db/client.ts";
import type { Notifier } from "../notifications/message.ts";
import type { PaymentGateway } from "../payments/gateway.ts";
import type { UserRow } from "../repositories/users.repository.ts";
import type { ShopConfig } from "./config.ts";
import type { Live } from "./live.ts";

/**
 * What every service works with, built once per request (and per job or room read): the clients of
 * the shop's dependencies, each made on first use, and its configuration.
 */
export interface ShopContext {
  readonly db: Database;
  readonly redis: Redis;
  readonly notifier: Notifier;
  readonly live: Live;
  readonly config: ShopConfig;
  readonly images: R2Bucket;
  /** The configured payment gateway, or a named one (a refund goes back through the one that was paid). */
  gateway(name?: PaymentGateway["name"]): PaymentGateway;
}

export interface ContextHandle {
  ctx: ShopContext;
  /** Closes what the context opened (the database pool); call it once the work is done. */
  close(): Promise<void>;
}

/** A context acting for a signed-in user: their orders, their cart, their admin changes. */
export interface ActorContext extends ShopContext {
  readonly actor: UserRow;
}
