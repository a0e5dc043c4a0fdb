import { createEffect, createSignal, on } from "solid-js";
import { previewCoupon } from "../orders/orders.ts";
import { cart } from "./cart.ts";

/**
 * The coupon being applied at checkout and what it takes off the cart as it is now: the code typed,
 * the preview the shop priced for it, and its failure. A preview is for the code it was made for
 * (typing another makes it stale), and is priced again whenever the cart changes.
 */
export function createCouponPreview() {
  const [code, setCode] = createSignal("");
  const [preview, setPreview] = createSignal<Awaited<ReturnType<typeof previewCoupon>> | null>(null);
  const [previewed, setPreviewed] = createSignal("");
  const [error, setError] = createSignal<unknown>();

  const apply = async (typed = code()) => {
    setError(undefined);
    try {
      setPreview(await previewCoupon(typed));
      setPreviewed(typed);
    } catch (failure) {
      setPreview(null);
      setPreviewed("");
      setError(failure);
    }
  };
  const use = (chosen: string) => {
    setCode(chosen);
    void apply(chosen);
  };
  const remove = () => {
    setCode("");
    setPreview(null);
    setPreviewed("");
    setError(undefined);
  };
  // The cart changed (here or on another device): an applied coupon is priced again on the new cart.
  createEffect(
    on(
      () => cart()?.version,
      () => {
        const applied = previewed();
        if (applied && (cart()?.items.length ?? 0) > 0) void apply(applied);
      },
      { defer: true },
    ),
  );
  return {
    code,
    setCode,
    previewed,
    /** The preview of the code as typed now, if it has one. */
    current: () => (previewed() && previewed() === code() ? preview() : null),
    applied: () => !!previewed() && previewed() === code(),
    error,
    setError,
    apply,
    use,
    remove,
  };
}

export type CouponPreview = ReturnType<typeof createCouponPreview>;
