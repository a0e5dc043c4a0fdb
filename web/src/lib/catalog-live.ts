import PartySocket from "partysocket";
import { createSignal, onCleanup } from "solid-js";
import type { CatalogMessage } from "../../../realtime/messages.ts";

/**
 * The storefront's public catalog room (`/parties/catalog/main`, no ticket): each variant's stock as
 * checkouts commit it. Checked by hand rather than with the rooms' zod schemas, which would bring the
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

let socket: PartySocket | null = null;
let watchers = 0;
let applied = -1;

function open() {
  socket = new PartySocket({ host: location.host, party: "catalog", room: "main" });
  socket.addEventListener("message", (event) => {
    let data: unknown;
    try {
      data = JSON.parse(String(event.data));
    } catch {
      return;
    }
    const message = parseCatalogMessage(data);
    if (!message) return;
    // A (re)connect greets with the room's version: what follows is newer than it.
    if (message.type === "welcome") applied = message.version;
    else if (message.type === "stock" && message.version > applied) {
      applied = message.version;
      setStock((map) => new Map(map).set(message.variantId, message.stockQty));
    }
  });
}

/** Follows the catalog room while the calling component is shown (one socket for all of them). */
export function watchCatalog() {
  if (typeof location === "undefined") return;
  if (watchers++ === 0) open();
  onCleanup(() => {
    if (--watchers === 0) {
      socket?.close();
      socket = null;
    }
  });
}
