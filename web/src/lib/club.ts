import { type Answer, publicApi, read } from "./http.ts";
import { api } from "./session.ts";

export type Review = Answer<(typeof publicApi.products)[":id"]["ratings"]["$get"]>["items"][number];
export type WishlistItem = Answer<typeof api.wishlist.$get>["items"][number];

export const getReviews = (id: string) =>
  read(publicApi.products[":id"].ratings.$get({ param: { id }, query: { limit: "10" } }));
export const rateProduct = (id: string, vote: number, text?: string) =>
  read(api.products[":id"].rating.$put({ param: { id }, json: text ? { vote, text } : { vote } }));
export const getWishlist = () => read(api.wishlist.$get());
export const wish = (productId: string) => read(api.wishlist[":productId"].$put({ param: { productId } }));
export const unwish = (productId: string) => read(api.wishlist[":productId"].$delete({ param: { productId } }));
export const moveToCart = (productId: string) =>
  read(api.wishlist[":productId"]["move-to-cart"].$post({ param: { productId } }));
