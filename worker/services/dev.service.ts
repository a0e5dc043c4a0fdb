import { requireUsername } from "../lib/username.ts";
import { readOutbox } from "../notifications/development.ts";
import type { ShopContext } from "../platform/context.ts";

/** What the development notifier "sent" to a username, newest first. */
export async function developmentOutbox(ctx: ShopContext, to: string) {
  const username = requireUsername(to, ctx.config.phoneRegion);
  return { items: await readOutbox(ctx.redis, username.value) };
}
