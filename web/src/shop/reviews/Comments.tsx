import { A, useLocation } from "@solidjs/router";
import { createSignal, createUniqueId, For, Match, Show, Switch } from "solid-js";
import { describeError } from "../../components/FormError.tsx";
import { LoadFailure } from "../../components/LoadFailure.tsx";
import { ApiError } from "../../lib/http.ts";
import { user } from "../../lib/session.ts";
import { type CommentKind, getComments, type ProductComment, postComment } from "./reviews.ts";

const kinds: { value: CommentKind; label: string }[] = [
  { value: "suggestion", label: "Suggestion" },
  { value: "criticism", label: "Criticism" },
];
const kindLabel = (kind: CommentKind) => kinds.find((k) => k.value === kind)?.label ?? kind;

/** The API's message for one field of a refused comment (`details: [{ path, message }]`). */
function fieldError(error: unknown, path: string): string | undefined {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return undefined;
  const issue = (error.details as { path?: unknown; message?: unknown }[]).find((d) => d?.path === path);
  return typeof issue?.message === "string" ? issue.message : undefined;
}

/** A suggestion or a criticism about the product, shown once staff have read it. */
function CommentForm(props: { productId: string }) {
  const id = createUniqueId();
  const [kind, setKind] = createSignal<CommentKind>("suggestion");
  const [body, setBody] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  const [sent, setSent] = createSignal(false);
  const bodyError = () => fieldError(error(), "body");
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setSent(false);
    setError(undefined);
    if (!body().trim()) {
      setError(
        new ApiError(400, "invalid_request", "Write your comment first.", [
          { path: "body", message: "Write your comment first." },
        ]),
      );
      return;
    }
    setBusy(true);
    try {
      await postComment(props.productId, kind(), body().trim());
      setBody("");
      setSent(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form" aria-labelledby={`${id}-title`} onSubmit={submit} noValidate>
      <h3 id={`${id}-title`}>Leave a comment</h3>
      <fieldset class="choices">
        <legend>What kind of comment?</legend>
        <For each={kinds}>
          {(choice) => (
            <label class="checkbox">
              <input
                type="radio"
                name={`${id}-kind`}
                value={choice.value}
                checked={kind() === choice.value}
                onChange={() => setKind(choice.value)}
              />
              {choice.label}
            </label>
          )}
        </For>
      </fieldset>
      <label class="field" for={`${id}-body`}>
        <span>Your comment (up to 2,000 characters)</span>
        <textarea
          id={`${id}-body`}
          maxLength={2000}
          value={body()}
          aria-invalid={bodyError() ? "true" : undefined}
          aria-describedby={bodyError() ? `${id}-body-error` : undefined}
          onInput={(e) => setBody(e.currentTarget.value)}
        />
      </label>
      <Show when={bodyError()}>
        <small id={`${id}-body-error`} class="field-error">
          {bodyError()}
        </small>
      </Show>
      <Show when={error() && !bodyError()}>
        <p class="form-error" role="alert">
          {describeError(error())}
        </p>
      </Show>
      <p class="muted" role="status">
        {sent() ? "Thanks! Your comment appears here once our team has read it." : ""}
      </p>
      <button type="submit" class="button" disabled={busy()}>
        {busy() ? "Sending…" : "Send comment"}
      </button>
    </form>
  );
}

/** The product's approved comments, newest first and page by page, and the form for one more. */
export function Comments(props: { productId: string }) {
  const location = useLocation();
  const [items, setItems] = createSignal<ProductComment[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [state, setState] = createSignal<"loading" | "ready" | "failed">("loading");
  const [moreError, setMoreError] = createSignal<unknown>();
  const [error, setError] = createSignal<unknown>();
  const load = async (after?: string) => {
    if (!after) setState("loading");
    setMoreError(undefined);
    try {
      const page = await getComments(props.productId, after);
      setItems((list) => (after ? [...list, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setState("ready");
    } catch (failure) {
      if (after) setMoreError(failure);
      else {
        setError(failure);
        setState("failed");
      }
    }
  };
  void load();
  return (
    <section class="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments</h2>
      <Switch>
        <Match when={state() === "loading"}>
          <p class="muted" role="status">
            Loading comments…
          </p>
        </Match>
        <Match when={state() === "failed"}>
          <LoadFailure what="The comments" error={error()} retry={() => void load()} />
        </Match>
        <Match when={items().length === 0}>
          <p class="muted" data-testid="no-comments">
            No comments yet: suggestions and criticism are welcome.
          </p>
        </Match>
        <Match when={true}>
          <For each={items()}>
            {(comment) => (
              <article class="comment" data-testid="comment">
                <span class={`kind kind-${comment.kind}`}>{kindLabel(comment.kind)}</span>{" "}
                <strong data-testid="comment-author">{comment.author}</strong>{" "}
                <time class="muted" datetime={comment.at}>
                  {new Date(comment.at).toLocaleDateString()}
                </time>
                <p>{comment.body}</p>
              </article>
            )}
          </For>
          <Show when={moreError()}>
            <p class="form-error" role="alert">
              Could not load more comments. {describeError(moreError())}
            </p>
          </Show>
          <Show when={cursor()}>
            {(next) => (
              <button type="button" class="button secondary" onClick={() => void load(next())}>
                More comments
              </button>
            )}
          </Show>
        </Match>
      </Switch>
      <Show
        when={user()}
        fallback={
          <p class="muted">
            <A href={`/signin?next=${encodeURIComponent(location.pathname)}`}>Sign in</A> to leave a suggestion or a
            criticism.
          </p>
        }
      >
        <CommentForm productId={props.productId} />
      </Show>
    </section>
  );
}
