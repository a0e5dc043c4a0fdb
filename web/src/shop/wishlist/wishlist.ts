import { type Answer, read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";

export type WishlistItem = Answer<typeof api.wishlist.$get>["items"][number];

export const getWishlist = () => read(api.wishlist.$get());
export const wish = (productId: string) => read(api.wishlist[":productId"].$put({ param: { productId } }));
export const unwish = (productId: string) => read(api.wishlist[":productId"].$delete({ param: { productId } }));
export const moveToCart = (productId: string) =>
  read(api.wishlist[":productId"]["move-to-cart"].$post({ param: { productId } }));
