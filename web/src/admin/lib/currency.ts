import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";

let currency: Promise<string> | null = null;

/** The shop's currency (every money field of the admin API is in its minor unit), read once. */
export function shopCurrency(): Promise<string> {
  currency ??= read(api.admin.stats.$get())
    .then((stats) => stats.currency)
    .catch((error) => {
      currency = null;
      throw error;
    });
  return currency;
}
