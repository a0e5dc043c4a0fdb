import { query } from "@solidjs/router";
import { createSignal } from "solid-js";
import { setQuery } from "../../lib/data.ts";
import { type Answer, read } from "../../lib/http.ts";
import { api, user } from "../../lib/session.ts";

export type Cart = Answer<typeof api.cart.$get>;
export type CartItem = Cart["items"][number];
type MergeNotice = Answer<typeof api.cart.merge.$post>["notices"][number];

/** One variant of one product: what a cart line holds. */
export interface LineTarget {
  productId: string;
  variantId: string;
}

/**
 * A line of the cart kept in this browser before signing in, with the names it was added under (to
 * tell the shopper about it after the merge). Lines stored before variants existed have no
 * `variantId`: the API takes them for a product with one variant and says so for any other.
 */
export interface GuestLine {
  productId: string;
  variantId?: string;
  quantity: number;
  name?: string;
  variantTitle?: string;
}

/** What the merge of a guest cart changed, in the names the shopper saw. */
export interface MergeNote {
  reason: MergeNotice["reason"];
  name: string;
  available?: number;
}

const guestKey = "royal-shop:guest-cart";

const [guestLines, setGuestLines] = createSignal<GuestLine[]>(readGuest());
const [mergeNotes, setMergeNotes] = createSignal<MergeNote[]>([]);

export { guestLines, mergeNotes, setMergeNotes };

/**
 * The signed-in shopper's cart. Keyed by the account, so nobody ever sees the cart read for the
 * account signed in before; the room's pushes and every change's answer replace it in place.
 */
export const getCart = query((_account: string) => read(api.cart.$get()), "cart");

/** The cart shown now for the signed-in account, if it has been read. */
function shownCart(): Cart | undefined {
  const account = user()?.id;
  if (!account) return undefined;
  try {
    return query.get(getCart.keyFor(account)) as Cart | undefined;
  } catch {
    return undefined;
  }
}

function readGuest(): GuestLine[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(guestKey) ?? "[]");
    if (!Array.isArray(stored)) return [];
    return stored.filter(
      (line): line is GuestLine =>
        typeof line?.productId === "string" &&
        Number.isSafeInteger(line.quantity) &&
        line.quantity > 0 &&
        (line.variantId === undefined || typeof line.variantId === "string"),
    );
  } catch {
    return [];
  }
}

function writeGuest(lines: GuestLine[]) {
  localStorage.setItem(guestKey, JSON.stringify(lines));
  setGuestLines(lines);
}

const sameLine = (line: GuestLine, target: LineTarget) =>
  line.variantId ? line.variantId === target.variantId : line.productId === target.productId;

/** Items in the cart kept in this browser, for the header badge of a guest. */
export const guestCount = () => guestLines().reduce((sum, line) => sum + line.quantity, 0);

/** Adopts a cart only if it is newer than the one shown, so late answers never roll the view back. */
export function applyCart(next: Cart) {
  const account = user()?.id;
  const current = shownCart();
  if (account && (!current || next.version >= current.version)) void setQuery(getCart, [account], next);
}

/** Sets how many of one variant the cart holds (0 removes its line). */
export async function setQuantity(
  target: LineTarget,
  quantity: number,
  names: { name?: string; variantTitle?: string } = {},
) {
  if (!user()) {
    const lines = guestLines();
    const index = lines.findIndex((line) => sameLine(line, target));
    const kept = { ...lines[index], ...names, ...target, quantity };
    const next = index < 0 ? [...lines, kept] : lines.map((line, i) => (i === index ? kept : line));
    writeGuest(next.filter((line) => line.quantity > 0));
    return;
  }
  applyCart(
    await read(api.cart.variants[":variantId"].$put({ param: { variantId: target.variantId }, json: { quantity } })),
  );
}

/** Takes a variant's line out of the cart. */
export async function removeLine(target: LineTarget) {
  if (!user()) return setQuantity(target, 0);
  applyCart(await read(api.cart.variants[":variantId"].$delete({ param: { variantId: target.variantId } })));
}

/** Empties the cart: the account's on the server (every device follows), or this browser's. */
export async function clearCart() {
  if (!user()) return writeGuest([]);
  applyCart(await read(api.cart.$delete()));
}

/** One more of a variant. */
export async function addToCart(target: LineTarget, names: { name?: string; variantTitle?: string } = {}) {
  const current = user()
    ? (shownCart()?.items.find((item) => item.variantId === target.variantId)?.quantity ?? 0)
    : (guestLines().find((line) => sameLine(line, target))?.quantity ?? 0);
  await setQuantity(target, current + 1, names);
}

const noteOf = (lines: GuestLine[], notice: MergeNotice): MergeNote => {
  const line =
    lines.find((l) => notice.variantId !== undefined && l.variantId === notice.variantId) ??
    lines.find((l) => l.productId === notice.productId);
  const name = line?.name ? `${line.name}${line.variantTitle ? ` (${line.variantTitle})` : ""}` : "An item";
  return { reason: notice.reason, name, available: notice.available };
};

/** After sign-in: the guest cart joins the account's; what the API had to change is kept as notes. */
export async function mergeGuestCart() {
  const lines = guestLines();
  if (lines.length === 0) return;
  const items = lines.map(({ productId, variantId, quantity }) =>
    variantId ? { productId, variantId, quantity } : { productId, quantity },
  );
  const merged = await read(api.cart.merge.$post({ json: { items } }));
  writeGuest([]);
  setMergeNotes(merged.notices.map((notice) => noteOf(lines, notice)));
  applyCart(merged);
}

/** Starts the read of the account's cart with the navigation to it (the route's preload). */
export function preloadCart() {
  const account = user()?.id;
  if (account) void getCart(account);
}
