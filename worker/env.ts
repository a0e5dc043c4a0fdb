import type { Bindings } from "./bindings.ts";
import type { ShopContext } from "./platform/context.ts";

export type { Bindings };

export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    requestId: string;
    /** The request's context, built by the context middleware. */
    ctx: ShopContext;
    /** Sends a request through the shop's own router (the sandbox bank's callbacks). */
    deliver: (request: Request) => Promise<Response>;
  };
}
