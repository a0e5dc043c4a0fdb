import { Show } from "solid-js";

/** How far the cart is from the shop's free-shipping offer, or that it has reached it. */
export function FreeShippingNote(props: {
  offer: { name: string; missing: number } | null | undefined;
  money: (amount: number) => string;
}) {
  return (
    <Show when={props.offer}>
      {(offer) => (
        <p class="free-shipping" data-testid="free-shipping" role="status">
          {offer().missing > 0
            ? `${props.money(offer().missing)} more for free shipping.`
            : "Free shipping applies to this order at checkout."}
        </p>
      )}
    </Show>
  );
}
