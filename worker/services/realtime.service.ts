import { signTicket } from "../lib/tokens.ts";
import type { ActorContext } from "../platform/context.ts";

/** A ticket that opens the signed-in user's rooms for 60 s, tied to the session it was asked in. */
export const ticketFor = (ctx: ActorContext) =>
  signTicket(ctx.config.signing, {
    sub: ctx.actor.id,
    role: ctx.actor.role,
    sid: ctx.session.claims.sessionId ?? undefined,
    ep: ctx.session.claims.epoch,
  });
