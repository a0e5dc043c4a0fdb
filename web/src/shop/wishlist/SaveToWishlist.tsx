import { A, createAsync } from "@solidjs/router";
import { Show } from "solid-js";
import { describeError } from "../../components/FormError.tsx";
import { setQuery } from "../../lib/data.ts";
import { createForm } from "../../lib/form.ts";
import { getWishlist, wish } from "./wishlist.ts";

/** Saves a product for later, and says so once it is saved (after a reload too: it reads my wishlist). */
export function SaveToWishlist(props: { account: string; productId: string }) {
  const wishlist = createAsync(() => getWishlist(props.account).catch(() => undefined));
  const saved = () => wishlist()?.items.some((item) => item.productId === props.productId) ?? false;
  const form = createForm();
  // The button pressed gives way to the link: focus goes there rather than to the page's start.
  let justSaved = false;
  const save = () =>
    form.run(async () => {
      justSaved = true;
      await setQuery(getWishlist, [props.account], await wish(props.productId));
    });
  return (
    <div class="wishlist-action">
      <Show
        when={saved()}
        fallback={
          <button type="button" class="button secondary" onClick={save} disabled={form.busy()}>
            Save to wishlist
          </button>
        }
      >
        <p class="muted" role="status" data-testid="wishlist-saved">
          ✓ Saved to your wishlist.{" "}
          <A href="/wishlist" ref={(link) => justSaved && queueMicrotask(() => link.focus())}>
            See your wishlist
          </A>
        </p>
      </Show>
      <Show when={form.error()}>
        <small class="form-error" role="alert">
          {describeError(form.error())}
        </small>
      </Show>
    </div>
  );
}
