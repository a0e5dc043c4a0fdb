import { createAsync, query, revalidate } from "@solidjs/router";
import { type Accessor, createSignal } from "solid-js";
import { previewCoupon } from "../orders/orders.ts";
import type { Cart } from "./cart.ts";

type Outcome =
  | { code: string; preview: Awaited<ReturnType<typeof previewCoupon>> }
  | { code: string; failure: unknown };

/**
 * What a coupon takes off the cart, by code and by the cart's version: a changed cart (here or on
 * another device) is priced again. A refused coupon is an answer to show, not a failed read.
 */
export const getPreview = query(async (code: string, _cartVersion: number): Promise<Outcome> => {
  try {
    return { code, preview: await previewCoupon(code) };
  } catch (failure) {
    return { code, failure };
  }
}, "coupon-preview");

/**
 * The coupon being applied at checkout: the code typed, the code applied, and what the shop priced
 * for it on the cart as it is now. A preview is for the code it was made for (typing another makes
 * it stale); while the cart is priced again, the last preview stays on screen.
 */
export function createCouponPreview(cart: Accessor<Cart>) {
  const [code, setCode] = createSignal("");
  const [chosen, setChosen] = createSignal("");
  const outcome = createAsync(
    async () => {
      const applied = chosen();
      const current = cart();
      return applied && current.items.length > 0 ? getPreview(applied, current.version) : null;
    },
    { initialValue: null },
  );
  const last = () => outcome.latest;
  const previewed = () => {
    const known = last();
    return known && "preview" in known ? known.code : "";
  };

  const apply = (typed = code()) => {
    if (typed === chosen()) return void revalidate(getPreview.keyFor(typed, cart().version));
    setChosen(typed);
  };
  return {
    code,
    setCode,
    previewed,
    /** The preview of the code as typed now, if it has one. */
    current: () => {
      const known = last();
      return known && "preview" in known && known.code === code() ? known.preview : null;
    },
    applied: () => !!previewed() && previewed() === code(),
    /** Why the code as typed now cannot be used; gone once the field is changed or cleared. */
    error: () => {
      const known = last();
      return known && "failure" in known && known.code === chosen() && known.code === code()
        ? known.failure
        : undefined;
    },
    apply,
    use: (picked: string) => {
      setCode(picked);
      apply(picked);
    },
    remove: () => {
      setCode("");
      setChosen("");
    },
  };
}

export type CouponPreview = ReturnType<typeof createCouponPreview>;
