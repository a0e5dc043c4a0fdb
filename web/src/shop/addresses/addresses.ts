import { query } from "@solidjs/router";
import { type Answer, read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import type { AddressDraft } from "../cart/AddressFields.tsx";

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

/** A saved address as an address form holds it (its optional fields empty when not given). */
export const draftOf = (a: SavedAddress): AddressDraft => ({
  name: a.name,
  line1: a.line1,
  line2: a.line2 ?? "",
  city: a.city,
  subdivision: a.subdivision ?? "",
  postalCode: a.postalCode,
  country: a.country,
  phone: a.phone ?? "",
});
