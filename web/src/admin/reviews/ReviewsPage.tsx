import { A, useSearchParams } from "@solidjs/router";
import { createSignal, For, type JSX, Show } from "solid-js";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { LiveBadge } from "../components/LiveBadge.tsx";
import { ListState } from "../components/State.tsx";
import { createPaged, type Paged } from "../lib/data.ts";
import { describeAdminError } from "../lib/errors.ts";
import { onDashboard } from "../lib/live.ts";
import { formatDateTime } from "../lib/orders.ts";
import { pageTitle } from "../lib/role.ts";
import type { Page, QueuedComment, QueuedRating } from "../lib/types.ts";

const productNames = new Map<string, Promise<string | null>>();

/** A product's name for the queue, read once per product. */
function productName(id: string): Promise<string | null> {
  let name = productNames.get(id);
  if (!name) {
    name = read(api.admin.products[":id"].$get({ param: { id } }))
      .then((p) => p.name)
      .catch(() => null);
    productNames.set(id, name);
  }
  return name;
}

function ProductLink(props: { id: string | null }) {
  const [name, setName] = createSignal<string | null>(null);
  if (props.id) void productName(props.id).then(setName);
  return (
    <Show when={props.id} fallback={<span class="muted">about the shop</span>}>
      {(id) => (
        <span>
          on <A href={`/admin/products/${id()}`}>{name() ?? "the product"}</A>
        </span>
      )}
    </Show>
  );
}

type Entry = { id: string; approved: boolean };

/** One queue (ratings or comments): approve, or take back an approval, and the entry leaves the list. */
function Queue<T extends Entry>(props: {
  title: string;
  kind: "ratings" | "comments";
  list: Paged<T>;
  approvedView: boolean;
  fresh: Set<string>;
  render: (entry: T) => JSX.Element;
  onDone: (message: string) => void;
}) {
  const [busy, setBusy] = createSignal<string | null>(null);
  const [error, setError] = createSignal<{ id: string; error: unknown } | null>(null);
  let listElement: HTMLUListElement | undefined;
  const decide = async (entry: T, index: number) => {
    setBusy(entry.id);
    setError(null);
    try {
      const approved = !props.approvedView;
      await read(api.admin[":kind"][":id"].$patch({ param: { kind: props.kind, id: entry.id }, json: { approved } }));
      props.list.update((items) => items.filter((e) => e.id !== entry.id));
      const noun = props.kind === "ratings" ? "review" : "comment";
      props.onDone(
        approved ? `Approved: the ${noun} is now shown in the shop.` : `The ${noun} is hidden from the shop again.`,
      );
      // Keyboard users carry on with the next entry.
      queueMicrotask(() => {
        const buttons = listElement?.querySelectorAll<HTMLButtonElement>("button[data-decide]");
        buttons?.[Math.min(index, buttons.length - 1)]?.focus();
      });
    } catch (failure) {
      setError({ id: entry.id, error: failure });
    } finally {
      setBusy(null);
    }
  };
  return (
    <section class="a-panel" aria-labelledby={`${props.kind}-heading`} data-queue={props.kind}>
      <h2 id={`${props.kind}-heading`}>{props.title}</h2>
      <ListState
        list={props.list}
        what={props.kind === "ratings" ? "the reviews" : "the comments"}
        empty={<p>{props.approvedView ? "Nothing approved yet." : "Nothing is waiting. Well done!"}</p>}
      >
        {(items) => (
          <ul class="a-cards" ref={listElement}>
            <For each={items()}>
              {(entry, index) => (
                <li class="a-card" data-testid={`queue-${props.kind}`}>
                  <Show when={props.fresh.has(entry.id)}>
                    <span class="badge">New</span>{" "}
                  </Show>
                  {props.render(entry)}
                  <div class="a-actions">
                    <button
                      type="button"
                      data-decide
                      class={props.approvedView ? "button secondary" : "button"}
                      disabled={busy() === entry.id}
                      onClick={() => void decide(entry, index())}
                    >
                      {props.approvedView ? "Hide again" : "Approve"}
                      <span class="visually-hidden"> this {props.kind === "ratings" ? "review" : "comment"}</span>
                    </button>
                  </div>
                  <Show when={error()?.id === entry.id}>
                    <p class="form-error" role="alert">
                      {describeAdminError(error()?.error)}
                    </p>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        )}
      </ListState>
    </section>
  );
}

export default function ReviewsPage() {
  pageTitle("Reviews");
  const [params] = useSearchParams<{ show?: string }>();
  const approvedView = () => params.show === "approved";
  const approved = () => (approvedView() ? "true" : "false") as "true" | "false";
  const [notice, setNotice] = createSignal("");
  const [fresh, setFresh] = createSignal(new Set<string>());

  const fetchRatings = (cursor?: string): Promise<Page<QueuedRating>> =>
    read(api.admin.ratings.$get({ query: { approved: approved(), limit: "20", ...(cursor ? { cursor } : {}) } }));
  const fetchComments = (cursor?: string): Promise<Page<QueuedComment>> =>
    read(api.admin.comments.$get({ query: { approved: approved(), limit: "20", ...(cursor ? { cursor } : {}) } }));
  const ratings = createPaged<QueuedRating>(fetchRatings, approvedView);
  const comments = createPaged<QueuedComment>(fetchComments, approvedView);

  // New comments arrive live: the newest page is read again and what is new joins the top.
  onDashboard(async (message) => {
    if (message.type !== "comment" || approvedView()) return;
    try {
      const page = await fetchComments();
      const known = new Set(comments.items().map((c) => c.id));
      const arrived = page.items.filter((c) => !known.has(c.id));
      if (arrived.length === 0) return;
      comments.update((items) => [...arrived, ...items]);
      setFresh((ids) => new Set([...ids, ...arrived.map((c) => c.id)]));
      setNotice(arrived.length === 1 ? "A new comment is waiting." : `${arrived.length} new comments are waiting.`);
    } catch {
      // The next message or a reload brings it.
    }
  });

  const tab = (show: "waiting" | "approved", label: string) => (
    <a
      href={show === "approved" ? "/admin/reviews?show=approved" : "/admin/reviews"}
      aria-current={(show === "approved") === approvedView() ? "page" : undefined}
    >
      {label}
    </a>
  );

  return (
    <section>
      <div class="a-title">
        <h1>Reviews</h1>
        <LiveBadge />
      </div>
      <nav aria-label="Which reviews">
        <ul class="a-tabs">
          <li>{tab("waiting", "Waiting for approval")}</li>
          <li>{tab("approved", "Approved")}</li>
        </ul>
      </nav>
      <p class="a-notice" role="status">
        {notice()}
      </p>
      <div class="a-columns">
        <Queue
          title={approvedView() ? "Approved review texts" : "Review texts waiting"}
          kind="ratings"
          list={ratings}
          approvedView={approvedView()}
          fresh={fresh()}
          onDone={setNotice}
          render={(rating) => (
            <>
              <div class="a-card-head">
                <span class="a-stars" role="img" aria-label={`${rating.vote} out of 5 stars`}>
                  {"★".repeat(rating.vote)}
                  {"☆".repeat(5 - rating.vote)}
                </span>
                <strong class="a-break">{rating.author}</strong>
                <span class={rating.verifiedPurchase ? "badge" : "badge out"}>
                  {rating.verifiedPurchase ? "Bought it" : "No purchase"}
                </span>
                <ProductLink id={rating.productId} />
              </div>
              <p class="a-quote">{rating.text}</p>
              <small class="muted">{formatDateTime(rating.at)}</small>
            </>
          )}
        />
        <Queue
          title={approvedView() ? "Approved comments" : "Comments waiting"}
          kind="comments"
          list={comments}
          approvedView={approvedView()}
          fresh={fresh()}
          onDone={setNotice}
          render={(comment) => (
            <>
              <div class="a-card-head">
                <span class="a-kind">{comment.kind}</span>
                <strong class="a-break">{comment.author}</strong>
                <ProductLink id={comment.productId} />
              </div>
              <p class="a-quote">{comment.body}</p>
              <small class="muted">{formatDateTime(comment.at)}</small>
            </>
          )}
        />
      </div>
    </section>
  );
}
