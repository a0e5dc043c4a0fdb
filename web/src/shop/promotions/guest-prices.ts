import { query } from "@solidjs/router";
import { publicApi, read } from "../../lib/http.ts";

/** A guest's lines priced by the shop, with what the promotions live for everyone take off each. */
export const getGuestPrices = query(
  (items: { variantId: string; quantity: number }[]) => read(publicApi.guest.cart.$post({ json: { items } })),
  "guest-prices",
);

export type GuestPrices = Awaited<ReturnType<typeof getGuestPrices>>;
