import type { Bindings } from "./bindings.ts";
import type { AccessClaims } from "./lib/tokens.ts";
import type { ShopContext } from "./platform/context.ts";
import type { UserRow } from "./repositories/users.repository.ts";

export type { Bindings };

export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    requestId: string;
    /** The request's context, built by the context middleware. */
    ctx: ShopContext;
    /** The signed-in user, for routes whose access needs one. */
    user?: UserRow;
    /** The verified access token's claims. */
    claims?: AccessClaims;
    /** Sends a request through the shop's own router (the sandbox bank's callbacks). */
    deliver: (request: Request) => Promise<Response>;
  };
}
