import { getServerByName } from "partyserver";
import type { Bindings } from "../worker/env.ts";
import type { CatalogEvent } from "./messages.ts";

/** Tells the storefront's live viewers about a committed change. Call only after the commit. */
export async function publishToCatalog(env: Bindings, event: CatalogEvent): Promise<void> {
  const room = await getServerByName(env.Catalog, "main");
  await room.publish(event);
}
