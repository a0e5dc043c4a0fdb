import { createSignal, Show } from "solid-js";
import type { Form } from "../../lib/form.ts";
import { clearCart } from "./cart.ts";

/** Empties the cart, asking once more first. */
export function ClearCart(props: { lines: Form }) {
  const [asking, setAsking] = createSignal(false);
  let confirmButton: HTMLButtonElement | undefined;
  return (
    <Show
      when={asking()}
      fallback={
        <button
          type="button"
          class="button secondary"
          onClick={() => {
            setAsking(true);
            queueMicrotask(() => confirmButton?.focus());
          }}
        >
          Clear cart
        </button>
      }
    >
      {/* biome-ignore lint/a11y/useSemanticElements: a question with its two answers, not a form's fieldset */}
      <span
        class="line-actions"
        role="group"
        aria-label="Remove everything from your cart?"
        onKeyDown={(e) => e.key === "Escape" && setAsking(false)}
      >
        <span>Remove everything?</span>
        <button
          ref={confirmButton}
          type="button"
          class="button"
          onClick={() => {
            setAsking(false);
            void props.lines.run(clearCart);
          }}
        >
          Yes, clear it
        </button>
        <button type="button" class="button secondary" onClick={() => setAsking(false)}>
          Keep
        </button>
      </span>
    </Show>
  );
}
