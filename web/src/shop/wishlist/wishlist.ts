import { query } from "@solidjs/router";
import { type Answer, read } from "../../lib/http.ts";
import { api, user } from "../../lib/session.ts";

export type Wishlist = Answer<typeof api.wishlist.$get>;

/** My wishlist, keyed by my account; every change answers the whole list, which replaces it. */
export const getWishlist = query((_account: string) => read(api.wishlist.$get()), "wishlist");
export const wish = (productId: string) => read(api.wishlist[":productId"].$put({ param: { productId } }));
export const unwish = (productId: string) => read(api.wishlist[":productId"].$delete({ param: { productId } }));
export const moveToCart = (productId: string) =>
  read(api.wishlist[":productId"]["move-to-cart"].$post({ param: { productId } }));

/** Starts the read of my wishlist with the navigation to it (the route's preload). */
export function preloadWishlist() {
  const account = user()?.id;
  if (account) void getWishlist(account);
}
