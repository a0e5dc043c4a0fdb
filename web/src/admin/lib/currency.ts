import { query } from "@solidjs/router";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";

let currency: Promise<string> | null = null;

/** The shop's currency (every money field of the admin API is in its minor unit), read once. */
function shopCurrency(): Promise<string> {
  currency ??= read(api.admin.stats.$get())
    .then((stats) => stats.currency)
    .catch((error) => {
      currency = null;
      throw error;
    });
  return currency;
}

/** The shop's currency as a query: pages read it with `createAsync(() => getShopCurrency())`. */
export const getShopCurrency = query(shopCurrency, "admin-currency");
