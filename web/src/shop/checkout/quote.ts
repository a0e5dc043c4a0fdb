import { query } from "@solidjs/router";
import { type Answer, publicApi, read, setOnly } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";

export type Quote = Answer<(typeof api.cart)["shipping-options"]["$get"]>;
export type ShippingOption = Quote["options"][number];

/** Where a quote goes, and how: an address's country, subdivision and postal code, a method, a coupon. */
export interface QuoteAsk {
  country: string;
  subdivision?: string;
  postalCode?: string;
  methodId?: string;
  couponCode?: string;
}

/**
 * My cart quoted to an address: its shipping options and the order's total by the one chosen. Keyed
 * by the account and the cart's version, so a cart changed here or on another device is quoted again.
 */
export const getCartQuote = query(
  (_account: string, _cartVersion: number, ask: QuoteAsk) =>
    read(api.cart["shipping-options"].$get({ query: setOnly({ ...ask }) as QuoteAsk })),
  "quote-cart",
);

/** My cart quoted the same way to one of my saved addresses (by its id: the shop reads it). */
export const getCartQuoteToSaved = query(
  (_account: string, _cartVersion: number, addressId: string, ask: Pick<QuoteAsk, "methodId" | "couponCode">) =>
    read(
      api.cart["shipping-options"][":addressId"].$get({
        param: { addressId },
        query: setOnly({ ...ask }) as Pick<QuoteAsk, "methodId" | "couponCode">,
      }),
    ),
  "quote-saved",
);

/** A guest's lines quoted the same way. */
export const getGuestQuote = query(
  (items: { variantId: string; quantity: number }[], ask: QuoteAsk) =>
    read(
      publicApi.guest["shipping-options"].$post({
        json: {
          items,
          address: setOnly({ country: ask.country, subdivision: ask.subdivision, postalCode: ask.postalCode }),
          ...(ask.methodId ? { methodId: ask.methodId } : {}),
          ...(ask.couponCode ? { promotionCode: ask.couponCode } : {}),
        },
      }),
    ),
  "quote-guest",
);

/** The shopper's country as the edge saw it (none when it cannot tell). */
export const getGeoCountry = query(
  () =>
    read(publicApi.geo.$get())
      .then((geo) => geo.country)
      .catch(() => null),
  "geo",
);

/** Keeps where my cart goes and by which method with the cart (every device of mine receives it). */
export const rememberShippingChoice = (ask: QuoteAsk) =>
  read(
    api.cart["shipping-choice"].$put({
      json: {
        country: ask.country,
        ...(ask.subdivision ? { subdivision: ask.subdivision } : {}),
        postalCode: ask.postalCode ?? "",
        methodId: ask.methodId ?? null,
      },
    }),
  );
