import { Show } from "solid-js";
import { describeError } from "../../components/FormError.tsx";
import { createForm } from "../../lib/form.ts";
import { showToast } from "../../lib/toast.ts";
import { addToCart, type LineTarget } from "./cart.ts";

/** Adds one of a variant to the cart; a sold-out variant cannot be added. */
export function AddToCart(props: { target: LineTarget; inStock: boolean; name: string; variantTitle?: string }) {
  const adding = createForm();
  const add = () =>
    adding.run(async () => {
      await addToCart(props.target, { name: props.name, variantTitle: props.variantTitle || undefined });
      // The header's cart count may have scrolled away (on a phone it has): say it where the eye is.
      const what = props.variantTitle ? `${props.name} (${props.variantTitle})` : props.name;
      showToast(`Added ${what} to your cart.`, [
        { label: "View cart", href: "/cart" },
        { label: "Check out", href: "/cart#checkout" },
      ]);
      return "Added";
    });
  return (
    <div class="add-to-cart">
      <button type="button" class="button" disabled={!props.inStock || adding.busy()} onClick={add}>
        {props.inStock ? (adding.notice() ? "Added ✓ Add another" : "Add to cart") : "Out of stock"}
      </button>
      <Show when={adding.error()}>
        <small class="form-error" role="alert">
          {describeError(adding.error())}
        </small>
      </Show>
    </div>
  );
}
