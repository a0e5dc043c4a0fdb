import { createSignal, Show } from "solid-js";
import { describeError } from "../../components/FormError.tsx";
import { addToCart, type LineTarget } from "./cart.ts";

/** Adds one of a variant to the cart; a sold-out variant cannot be added. */
export function AddToCart(props: { target: LineTarget; inStock: boolean; name: string; variantTitle?: string }) {
  const [state, setState] = createSignal<"idle" | "busy" | "added">("idle");
  const [error, setError] = createSignal<string>();
  const add = async () => {
    setState("busy");
    setError(undefined);
    try {
      await addToCart(props.target, { name: props.name, variantTitle: props.variantTitle || undefined });
      setState("added");
    } catch (failure) {
      setError(describeError(failure));
      setState("idle");
    }
  };
  return (
    <div class="add-to-cart">
      <button type="button" class="button" disabled={!props.inStock || state() === "busy"} onClick={add}>
        {props.inStock ? (state() === "added" ? "Added ✓ Add another" : "Add to cart") : "Out of stock"}
      </button>
      <Show when={error()}>
        <small class="form-error" role="alert">
          {error()}
        </small>
      </Show>
    </div>
  );
}
