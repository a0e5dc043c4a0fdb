import { createAsync } from "@solidjs/router";
import { createSignal } from "solid-js";
import { createSettled } from "../../lib/settled.ts";
import type { Quote, QuoteAsk } from "./quote.ts";

type Outcome = { ask: string; quote: Quote } | { ask: string; failure: unknown };

/**
 * The checkout's quote: for the address's country (an estimate until the postal code is in, typing
 * paused), the shipping options there and the order's total by the method chosen (the cheapest until one is).
 * The last answer stays on screen while the next is asked for; a failed one is said, not thrown.
 * `kept` is the choice kept with a signed-in shopper's cart: read when nothing was chosen here, and
 * told of each choice.
 */
export function createQuote(
  fetch: (ask: QuoteAsk) => Promise<Quote>,
  destination: () => Pick<QuoteAsk, "country" | "subdivision" | "postalCode">,
  extra: () => Pick<QuoteAsk, "couponCode"> = () => ({}),
  kept: { methodId: () => string | null | undefined; remember: (ask: QuoteAsk) => void } = {
    methodId: () => undefined,
    remember: () => undefined,
  },
) {
  // The method chosen here, else the one kept with the cart (chosen before, maybe on another device).
  const [chosen, setChosen] = createSignal<string>();
  const methodId = () => chosen() ?? kept.methodId() ?? undefined;
  const where = createSettled(() => {
    const to = destination();
    // From the country alone, an estimate; the postal code and subdivision make it exact.
    const postalCode = to.postalCode?.trim() || undefined;
    return to.country ? { country: to.country, subdivision: to.subdivision || undefined, postalCode } : undefined;
  });
  const ask = (): QuoteAsk | undefined => {
    const to = where();
    return to && { ...to, methodId: methodId(), ...extra() };
  };
  const outcome = createAsync(
    async (): Promise<Outcome | undefined> => {
      const asked = ask();
      if (!asked) return undefined;
      const key = JSON.stringify(asked);
      try {
        return { ask: key, quote: await fetch(asked) };
      } catch (failure) {
        return { ask: key, failure };
      }
    },
    { initialValue: undefined },
  );
  const last = () => outcome.latest;
  return {
    /** The latest quote (possibly for an earlier address while the next is on its way). */
    quote: () => {
      const known = last();
      return known && "quote" in known ? known.quote : undefined;
    },
    failure: () => {
      const known = last();
      return known && "failure" in known ? known.failure : undefined;
    },
    /** Whether the quote shown is for the address and method as they are now. */
    current: () => {
      const asked = ask();
      return asked !== undefined && last()?.ask === JSON.stringify(asked);
    },
    asked: () => ask() !== undefined,
    choose: (id: string) => {
      setChosen(id);
      const asked = ask();
      if (asked) kept.remember({ ...asked, methodId: id });
    },
  };
}

export type CheckoutQuote = ReturnType<typeof createQuote>;
