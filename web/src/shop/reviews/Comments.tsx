import { A, useLocation } from "@solidjs/router";
import { createSignal, createUniqueId, For, Show } from "solid-js";
import { describeError } from "../../components/FormError.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { Reading } from "../../components/Reading.tsx";
import { createPagedList } from "../../lib/data.ts";
import { FormInvalid } from "../../lib/field-errors.ts";
import { createForm } from "../../lib/form.ts";
import { user } from "../../lib/session.ts";
import { type CommentKind, getComments, postComment } from "./reviews.ts";

const kinds: { value: CommentKind; label: string }[] = [
  { value: "suggestion", label: "Suggestion" },
  { value: "criticism", label: "Criticism" },
];
const kindLabel = (kind: CommentKind) => kinds.find((k) => k.value === kind)?.label ?? kind;

/** A suggestion or a criticism about the product, shown once staff have read it. */
function CommentForm(props: { productId: string }) {
  const id = createUniqueId();
  const [kind, setKind] = createSignal<CommentKind>("suggestion");
  const [body, setBody] = createSignal("");
  const form = createForm();
  const bodyError = () => form.errors().body;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      if (!body().trim()) throw new FormInvalid({ body: "Write your comment first." });
      await postComment(props.productId, kind(), body().trim());
      setBody("");
      return "Thanks! Your comment appears here once our team has read it.";
    });
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
      <Show when={form.error() && !bodyError()}>
        <p class="form-error" role="alert">
          {describeError(form.error())}
        </p>
      </Show>
      <p class="muted" role="status">
        {form.notice()}
      </p>
      <button type="submit" class="button" disabled={form.busy()}>
        {form.busy() ? "Sending…" : "Send comment"}
      </button>
    </form>
  );
}

/** The product's approved comments, newest first and page by page, and the form for one more. */
export function Comments(props: { productId: string }) {
  const location = useLocation();
  const list = createPagedList(getComments, () => props.productId);
  return (
    <section class="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments</h2>
      <Reading keys={getComments.keyFor(props.productId)} what="The comments" loading="Loading comments…">
        <For
          each={list.items()}
          fallback={
            <p class="muted" data-testid="no-comments">
              No comments yet: suggestions and criticism are welcome.
            </p>
          }
        >
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
        <LoadMore list={list} label="More comments" what="comments" />
      </Reading>
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
