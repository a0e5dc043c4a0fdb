import PartySocket from "partysocket";
import { createEffect, createSignal, onCleanup } from "solid-js";
import type { CatalogMessage } from "../../../../realtime/messages.ts";

/**
 * The storefront's public catalog rooms, one per product (`/parties/catalog/<productId>`, no
 * ticket): each variant's stock as checkouts commit it. Checked by hand rather than with the rooms' zod schemas, which would bring the
 * signed-in client's whole bundle to every product page.
 */
const [stock, setStock] = createSignal<ReadonlyMap<string, number>>(new Map());

/** The latest stock the room reported for a variant, if it reported any since the page opened. */
export const liveStock = (variantId: string): number | undefined => stock().get(variantId);

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

export function parseCatalogMessage(data: unknown): CatalogMessage | null {
  if (!data || typeof data !== "object") return null;
  const m = data as Record<string, unknown>;
  if (!isCount(m.version)) return null;
  if (m.type === "welcome") return { type: "welcome", version: m.version };
  if (m.type === "stock" && typeof m.productId === "string" && typeof m.variantId === "string" && isCount(m.stockQty)) {
    return { type: "stock", version: m.version, productId: m.productId, variantId: m.variantId, stockQty: m.stockQty };
  }
  return null;
}

/** One socket per product followed, shared by the components that follow it. */
const followed = new Map<string, { socket: PartySocket; watchers: number; applied: number }>();

function open(productId: string) {
  const entry = {
    socket: new PartySocket({ host: location.host, party: "catalog", room: productId }),
    watchers: 0,
    applied: -1,
  };
  entry.socket.addEventListener("message", (event) => {
    let data: unknown;
    try {
      data = JSON.parse(String(event.data));
    } catch {
      return;
    }
    const message = parseCatalogMessage(data);
    if (!message) return;
    // A (re)connect greets with the room's version: what follows is newer than it.
    if (message.type === "welcome") entry.applied = message.version;
    else if (message.type === "stock" && message.version > entry.applied) {
      entry.applied = message.version;
      setStock((map) => new Map(map).set(message.variantId, message.stockQty));
    }
  });
  followed.set(productId, entry);
  return entry;
}

function release(productId: string) {
  const entry = followed.get(productId);
  if (entry && --entry.watchers === 0) {
    entry.socket.close();
    followed.delete(productId);
  }
}

/**
 * Follows a product's room (`/parties/catalog/<productId>`) while the calling component is shown,
 * and moves to another product's when the id changes.
 */
export function watchCatalog(productId: () => string | undefined) {
  if (typeof location === "undefined") return;
  createEffect(() => {
    const id = productId();
    if (!id) return;
    const entry = followed.get(id) ?? open(id);
    entry.watchers += 1;
    onCleanup(() => release(id));
  });
}
