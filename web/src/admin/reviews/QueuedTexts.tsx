import { A, createAsync } from "@solidjs/router";
import { Show, Suspense } from "solid-js";
import { formatDateTime } from "../lib/orders.ts";
import type { QueuedComment, QueuedRating } from "../lib/types.ts";
import { getProductName } from "./reviews.ts";

/** The product's name, once read ("the product" until then, or when it cannot be read). */
function ProductName(props: { id: string }) {
  const name = createAsync(() => getProductName(props.id));
  return (
    <A href={`/admin/products/${props.id}`}>
      <Suspense fallback="the product">{name() ?? "the product"}</Suspense>
    </A>
  );
}

/** What an entry is about: a product, or the shop itself. */
function ProductLink(props: { id: string | null }) {
  return (
    <Show when={props.id} fallback={<span class="muted">about the shop</span>}>
      {(id) => (
        <span>
          on <ProductName id={id()} />
        </span>
      )}
    </Show>
  );
}

/** A review text with its stars, its author and whether they bought the product. */
export function RatingText(props: { rating: QueuedRating }) {
  const r = () => props.rating;
  return (
    <>
      <div class="a-card-head">
        <span class="a-stars" role="img" aria-label={`${r().vote} out of 5 stars`}>
          {"★".repeat(r().vote)}
          {"☆".repeat(5 - r().vote)}
        </span>
        <strong class="a-break">{r().author}</strong>
        <span class={r().verifiedPurchase ? "badge" : "badge out"}>
          {r().verifiedPurchase ? "Bought it" : "No purchase"}
        </span>
        <ProductLink id={r().productId} />
      </div>
      <p class="a-quote">{r().text}</p>
      <small class="muted">{formatDateTime(r().at)}</small>
    </>
  );
}

/** A comment (a question, a suggestion…) with its author. */
export function CommentText(props: { comment: QueuedComment }) {
  const c = () => props.comment;
  return (
    <>
      <div class="a-card-head">
        <span class="a-kind">{c().kind}</span>
        <strong class="a-break">{c().author}</strong>
        <ProductLink id={c().productId} />
      </div>
      <p class="a-quote">{c().body}</p>
      <small class="muted">{formatDateTime(c().at)}</small>
    </>
  );
}
