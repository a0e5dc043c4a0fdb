import { A, createAsync, useLocation } from "@solidjs/router";
import { createSignal, createUniqueId, For, Show } from "solid-js";
import { describeError } from "../../components/FormError.tsx";
import { Reading } from "../../components/Reading.tsx";
import { createForm } from "../../lib/form.ts";
import { user } from "../../lib/session.ts";
import { wish } from "../wishlist/wishlist.ts";
import { getReviews, rateProduct } from "./reviews.ts";

/** The product's approved reviews, a vote of one's own, and saving it for later. */
export function Reviews(props: { productId: string; rating: { average: number; count: number } }) {
  const id = createUniqueId();
  const location = useLocation();
  const reviews = createAsync(() => getReviews(props.productId));
  const [summary, setSummary] = createSignal(props.rating);
  const [myVote, setMyVote] = createSignal<number | null>(null);
  const [text, setText] = createSignal("");
  // A vote and saving for later share one line that says how it went.
  const form = createForm();
  const notice = () => form.notice() || (form.error() ? describeError(form.error()) : "");

  const vote = (value: number) =>
    form.run(async () => {
      const result = await rateProduct(props.productId, value, text() || undefined);
      setSummary({ average: result.average, count: result.count });
      setMyVote(result.myVote);
      return text() ? "Thanks! Your words appear once our team has read them." : "Thanks for your vote!";
    });
  const save = () =>
    form.run(async () => {
      await wish(props.productId);
      return "Saved to your wishlist.";
    });

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
            <A href={`/signin?next=${encodeURIComponent(location.pathname)}`}>Sign in</A> to rate this product or save
            it to your wishlist.
          </p>
        }
      >
        <div class="vote">
          <label class="visually-hidden" for={`${id}-text`}>
            Your review (optional)
          </label>
          <textarea
            id={`${id}-text`}
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
          <button type="button" class="button secondary" onClick={save}>
            Save to wishlist
          </button>
        </div>
        <Show when={notice()}>
          <p class="muted" role="status">
            {notice()}
          </p>
        </Show>
      </Show>
      {/* The reviews load on their own: when they cannot, the product page still shows, with a retry here. */}
      <Reading keys={getReviews.keyFor(props.productId)} what="The reviews" loading="Loading reviews…">
        <For each={reviews()?.items} fallback={<p class="muted">No reviews yet.</p>}>
          {(review) => (
            <article class="review" data-testid="review">
              <strong role="img" aria-label={`${review.vote} of 5 stars`}>
                {"★".repeat(review.vote)}
              </strong>{" "}
              <span>
                by <span data-testid="review-author">{review.author}</span>
              </span>{" "}
              <Show when={review.verifiedPurchase}>
                <span class="badge" data-testid="verified-purchase">
                  Verified purchase
                </span>{" "}
              </Show>
              <time class="muted" datetime={review.at}>
                {new Date(review.at).toLocaleDateString()}
              </time>
              <p>{review.text}</p>
            </article>
          )}
        </For>
      </Reading>
    </section>
  );
}
