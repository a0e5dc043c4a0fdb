import { A, createAsync } from "@solidjs/router";
import { For, Show } from "solid-js";
import { describeError } from "../../components/FormError.tsx";
import { Thumbnail } from "../../components/Thumbnail.tsx";
import { setQuery } from "../../lib/data.ts";
import { createForm } from "../../lib/form.ts";
import { formatMoney } from "../../lib/money.ts";
import { user } from "../../lib/session.ts";
import { getWishlist, moveToCart, unwish, type Wishlist as WishlistAnswer } from "./wishlist.ts";

function Wishlist() {
  const account = () => user()?.id ?? "";
  const loaded = createAsync(() => getWishlist(account()));
  const form = createForm();
  const notice = () => form.notice() || (form.error() ? describeError(form.error()) : "");
  const shown = () => loaded()?.items ?? [];
  const act = (work: () => Promise<WishlistAnswer>, done: string) => () =>
    form.run(async () => {
      await setQuery(getWishlist, [account()], await work());
      return done;
    });
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
                <span class="line-item">
                  <Thumbnail url={item.imageUrl} name={item.name} />
                  <A class="line-name" href={`/products/${item.slug}`}>
                    {item.name}
                  </A>
                </span>
                <span>{formatMoney(item.unitPrice, item.currency)}</span>
                <span class="actions">
                  <button
                    type="button"
                    class="button"
                    disabled={!item.inStock}
                    onClick={act(() => moveToCart(item.productId), "Moved to your cart.")}
                  >
                    {item.inStock ? "Move to cart" : "Out of stock"}
                  </button>
                  <button
                    type="button"
                    class="button secondary"
                    onClick={act(() => unwish(item.productId), "Removed.")}
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
