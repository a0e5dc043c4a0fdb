import { A, createAsync } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { describeError } from "../../components/FormError.tsx";
import { formatMoney } from "../../lib/money.ts";
import { getWishlist, moveToCart, unwish, type WishlistItem } from "./wishlist.ts";

function Wishlist() {
  const loaded = createAsync(() => getWishlist());
  const [items, setItems] = createSignal<WishlistItem[] | null>(null);
  const [notice, setNotice] = createSignal("");
  const shown = () => items() ?? loaded()?.items ?? [];
  const act = (work: Promise<{ items: WishlistItem[] }>, done: string) =>
    work
      .then((result) => {
        setItems(result.items);
        setNotice(done);
      })
      .catch((error) => setNotice(describeError(error)));
  return (
    <section class="narrow wide">
      <h1>Your wishlist</h1>
      <Show when={notice()}>
        <p class="muted" role="status">
          {notice()}
        </p>
      </Show>
      <Show when={shown().length > 0} fallback={<p class="muted">Nothing saved yet.</p>}>
        <ul class="cart-lines">
          <For each={shown()}>
            {(item) => (
              <li class="cart-line">
                <A href={`/products/${item.slug}`}>{item.name}</A>
                <span>{formatMoney(item.unitPrice, item.currency)}</span>
                <span class="actions">
                  <button
                    type="button"
                    class="button"
                    disabled={!item.inStock}
                    onClick={() => act(moveToCart(item.productId), "Moved to your cart.")}
                  >
                    {item.inStock ? "Move to cart" : "Out of stock"}
                  </button>
                  <button
                    type="button"
                    class="button secondary"
                    onClick={() => act(unwish(item.productId), "Removed.")}
                  >
                    Remove
                  </button>
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

export default Wishlist;
