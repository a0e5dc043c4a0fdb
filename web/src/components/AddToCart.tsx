import { createSignal, Show } from "solid-js";
import { addToCart } from "../lib/cart.ts";
import { describeError } from "./FormError.tsx";

export function AddToCart(props: { productId: string; inStock: boolean }) {
  const [state, setState] = createSignal<"idle" | "busy" | "added">("idle");
  const [error, setError] = createSignal<string>();
  const add = async () => {
    setState("busy");
    setError(undefined);
    try {
      await addToCart(props.productId);
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
        <small class="form-error">{error()}</small>
      </Show>
    </div>
  );
}
