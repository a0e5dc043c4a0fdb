import { A, createAsync, useLocation } from "@solidjs/router";
import { For, Show } from "solid-js";
import { Reading } from "../../components/Reading.tsx";
import { user } from "../../lib/session.ts";
import { SaveToWishlist } from "../wishlist/SaveToWishlist.tsx";
import { ReviewForm } from "./ReviewForm.tsx";
import { getMyRating, getReviews, ratingWords } from "./reviews.ts";

/** My review, once my earlier one (if any) is read; the form starts from it. */
function MyReview(props: { account: string; productId: string }) {
  const mine = createAsync(() => getMyRating(props.account, props.productId));
  return (
    <Reading
      keys={getMyRating.keyFor(props.account, props.productId)}
      what="Your review"
      loading="Loading your review…"
    >
      <Show when={mine()}>
        {(rating) => <ReviewForm account={props.account} productId={props.productId} mine={rating()} />}
      </Show>
    </Reading>
  );
}

type Rating = { average: number; count: number };

/** The product's approved reviews, a review of one's own, and saving it for later. */
export function Reviews(props: { productId: string; rating: Rating }) {
  const location = useLocation();
  const reviews = createAsync(() => getReviews(props.productId));
  // Signed in, the rating comes with my own vote, and follows my review as I change it (never suspending).
  const mine = createAsync(
    async () => {
      const account = user()?.id;
      return account ? getMyRating(account, props.productId).catch(() => undefined) : undefined;
    },
    { initialValue: undefined },
  );
  const shown = () => mine.latest ?? props.rating;

  return (
    <section class="reviews">
      <h2>
        Reviews <span class="muted">{ratingWords(shown())}</span>
      </h2>
      <Show
        when={user()?.id}
        keyed
        fallback={
          <p class="muted">
            <A href={`/signin?next=${encodeURIComponent(location.pathname)}`}>Sign in</A> to rate this product or save
            it to your wishlist.
          </p>
        }
      >
        {(account) => (
          <>
            <SaveToWishlist account={account} productId={props.productId} />
            <MyReview account={account} productId={props.productId} />
          </>
        )}
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
