import { createAsync } from "@solidjs/router";
import { createSignal } from "solid-js";
import { type AddressDraft, emptyAddress } from "../cart/AddressFields.tsx";
import { getGeoCountry } from "./quote.ts";

/**
 * The address a checkout is filling in: empty, its country the shopper's as the edge saw it until
 * they choose one (the United States when the edge cannot tell).
 */
export function createAddressDraft() {
  const [draft, setDraft] = createSignal<AddressDraft>({ ...emptyAddress, country: "" });
  const geo = createAsync(() => getGeoCountry(), { initialValue: null });
  const address = (): AddressDraft => {
    const now = draft();
    return now.country ? now : { ...now, country: geo.latest ?? "US" };
  };
  return [address, setDraft] as const;
}
