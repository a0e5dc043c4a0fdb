import { request } from "./http.ts";
import { authed } from "./session.ts";

export interface Review {
  id: string;
  vote: number;
  text: string;
  author: string;
  at: string;
}

export interface WishlistItem {
  productId: string;
  slug: string;
  name: string;
  unitPrice: number;
  actualPrice: number;
  currency: string;
  inStock: boolean;
  imageUrl: string | null;
}

export const getReviews = (productId: string) =>
  request<{ items: Review[] }>(`/products/${productId}/ratings?limit=10`);
export const rateProduct = (productId: string, vote: number, text?: string) =>
  authed<{ average: number; count: number; myVote: number | null }>(`/products/${productId}/rating`, {
    method: "PUT",
    body: JSON.stringify(text ? { vote, text } : { vote }),
  });
export const getWishlist = () => authed<{ items: WishlistItem[] }>("/wishlist");
export const wish = (productId: string) =>
  authed<{ items: WishlistItem[] }>(`/wishlist/${productId}`, { method: "PUT" });
export const unwish = (productId: string) =>
  authed<{ items: WishlistItem[] }>(`/wishlist/${productId}`, { method: "DELETE" });
export const moveToCart = (productId: string) =>
  authed<{ items: WishlistItem[] }>(`/wishlist/${productId}/move-to-cart`, { method: "POST" });
