import { A, useLocation } from "@solidjs/router";
import { createSignal, createUniqueId, For, Match, Show, Switch } from "solid-js";
import { describeError } from "../../components/FormError.tsx";
import { LoadFailure } from "../../components/LoadFailure.tsx";
import { user } from "../../lib/session.ts";
import { wish } from "../wishlist/wishlist.ts";
import { getReviews, type Review, rateProduct } from "./reviews.ts";

/** The product's approved reviews, a vote of one's own, and saving it for later. */
export function Reviews(props: { productId: string; rating: { average: number; count: number } }) {
  const id = createUniqueId();
  const location = useLocation();
  const [reviews, setReviews] = createSignal<Review[]>([]);
  const [state, setState] = createSignal<"loading" | "ready" | "failed">("loading");
  const [loadError, setLoadError] = createSignal<unknown>();
  // The reviews load on their own: when they cannot, the product page still shows, with a retry here.
  const load = () => {
    setState("loading");
    getReviews(props.productId)
      .then((page) => {
        setReviews(page.items);
        setState("ready");
      })
      .catch((failure) => {
        setLoadError(failure);
        setState("failed");
      });
  };
  load();
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
      <Switch>
        <Match when={state() === "loading"}>
          <p class="muted" role="status">
            Loading reviews…
          </p>
        </Match>
        <Match when={state() === "failed"}>
          <LoadFailure what="The reviews" error={loadError()} retry={load} />
        </Match>
        <Match when={true}>
          <For each={reviews()} fallback={<p class="muted">No reviews yet.</p>}>
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
        </Match>
      </Switch>
    </section>
  );
}
