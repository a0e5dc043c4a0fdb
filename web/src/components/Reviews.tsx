import { A, createAsync } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { getReviews, rateProduct, wish } from "../lib/club.ts";
import { user } from "../lib/session.ts";
import { describeError } from "./FormError.tsx";

/** The product's approved reviews, a vote of one's own, and saving it for later. */
export function Reviews(props: { productId: string; rating: { average: number; count: number } }) {
  const reviews = createAsync(() => getReviews(props.productId));
  const [summary, setSummary] = createSignal(props.rating);
  const [myVote, setMyVote] = createSignal<number | null>(null);
  const [text, setText] = createSignal("");
  const [notice, setNotice] = createSignal("");

  const vote = async (value: number) => {
    try {
      const result = await rateProduct(props.productId, value, text() || undefined);
      setSummary({ average: result.average, count: result.count });
      setMyVote(result.myVote);
      setNotice(text() ? "Thanks! Your words appear once our team has read them." : "Thanks for your vote!");
    } catch (error) {
      setNotice(describeError(error));
    }
  };

  return (
    <section class="reviews">
      <h2>
        Reviews{" "}
        <span class="muted">
          ★ {summary().average.toFixed(2)} from {summary().count} votes
        </span>
      </h2>
      <Show
        when={user()}
        fallback={
          <p class="muted">
            <A href="/signin">Sign in</A> to rate this product or save it to your wishlist.
          </p>
        }
      >
        <div class="vote">
          <textarea
            placeholder="What did you think? (optional)"
            maxLength={2000}
            value={text()}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <fieldset class="stars" aria-label="Your vote">
            <For each={[1, 2, 3, 4, 5]}>
              {(value) => (
                <button
                  type="button"
                  class={myVote() !== null && value <= (myVote() ?? 0) ? "star on" : "star"}
                  aria-label={`${value} stars`}
                  onClick={() => vote(value)}
                >
                  ★
                </button>
              )}
            </For>
          </fieldset>
          <button
            type="button"
            class="button secondary"
            onClick={() =>
              wish(props.productId)
                .then(() => setNotice("Saved to your wishlist."))
                .catch((error) => setNotice(describeError(error)))
            }
          >
            Save to wishlist
          </button>
        </div>
        <Show when={notice()}>
          <p class="muted" role="status">
            {notice()}
          </p>
        </Show>
      </Show>
      <For each={reviews()?.items} fallback={<p class="muted">No reviews yet.</p>}>
        {(review) => (
          <article class="review">
            <strong>{"★".repeat(review.vote)}</strong> <span class="muted">{review.author}</span>
            <p>{review.text}</p>
          </article>
        )}
      </For>
    </section>
  );
}
