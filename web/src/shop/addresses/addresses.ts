import { query } from "@solidjs/router";
import { type Answer, read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";

export type SavedAddress = Answer<typeof api.me.addresses.$get>["items"][number];
type AddressBody = Parameters<typeof api.me.addresses.$post>[0]["json"];

/** My address book, keyed by my account; my default shipping address first. */
export const getMyAddresses = query(
  (_account: string) => read(api.me.addresses.$get()).then((book) => book.items),
  "addresses",
);

export const addAddress = (body: AddressBody) => read(api.me.addresses.$post({ json: body }));
export const replaceAddress = (id: string, body: AddressBody) =>
  read(api.me.addresses[":id"].$put({ param: { id }, json: body }));
export const removeAddress = (id: string) => read(api.me.addresses[":id"].$delete({ param: { id } }));

/** One line saying where an address is, for lists and choices. */
export const addressLine = (a: SavedAddress) =>
  [a.name, a.line1, a.line2, `${a.postalCode} ${a.city}`, a.subdivision, a.country].filter(Boolean).join(", ");
