import { createSignal } from "solid-js";
import { type Answer, read } from "./http.ts";
import { api, user } from "./session.ts";

export type Cart = Answer<typeof api.cart.$get>;

const guestKey = "royal-shop:guest-cart";
type GuestLine = { productId: string; quantity: number };

const [cart, setCart] = createSignal<Cart | null>(null);
const [guestLines, setGuestLines] = createSignal<GuestLine[]>(readGuest());

export { cart, guestLines };

function readGuest(): GuestLine[] {
  try {
    return JSON.parse(localStorage.getItem(guestKey) ?? "[]") as GuestLine[];
  } catch {
    return [];
  }
}

function writeGuest(lines: GuestLine[]) {
  localStorage.setItem(guestKey, JSON.stringify(lines));
  setGuestLines(lines);
}

/** Items in the cart, signed in or not, for the header badge. */
export const cartCount = () =>
  user() ? (cart()?.itemCount ?? 0) : guestLines().reduce((sum, line) => sum + line.quantity, 0);

/** Adopts a cart only if it is newer than the one shown, so late answers never roll the view back. */
export function applyCart(next: Cart) {
  const current = cart();
  if (!current || next.version >= current.version) setCart(next);
}

export async function loadCart() {
  applyCart(await read(api.cart.$get()));
}

export async function setQuantity(productId: string, quantity: number) {
  if (!user()) {
    const others = guestLines().filter((line) => line.productId !== productId);
    writeGuest(quantity > 0 ? [...others, { productId, quantity }] : others);
    return;
  }
  applyCart(await read(api.cart.items[":productId"].$put({ param: { productId }, json: { quantity } })));
}

export async function addToCart(productId: string) {
  const current = user()
    ? (cart()?.items.find((item) => item.productId === productId)?.quantity ?? 0)
    : (guestLines().find((line) => line.productId === productId)?.quantity ?? 0);
  await setQuantity(productId, current + 1);
}

/** After sign-in: the guest cart joins the account's; returns the server's notices. */
export async function mergeGuestCart() {
  const lines = guestLines();
  if (lines.length === 0) return loadCart();
  const merged = await read(api.cart.merge.$post({ json: { items: lines } }));
  writeGuest([]);
  applyCart(merged);
}

export function forgetCart() {
  setCart(null);
}
