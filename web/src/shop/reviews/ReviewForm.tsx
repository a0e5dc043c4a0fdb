import { createSignal, createUniqueId, For, Show } from "solid-js";
import { FormError } from "../../components/FormError.tsx";
import { setQuery } from "../../lib/data.ts";
import { FormInvalid } from "../../lib/field-errors.ts";
import { createForm } from "../../lib/form.ts";
import { getMyRating, rateProduct } from "./reviews.ts";

type MyRating = Awaited<ReturnType<typeof getMyRating>>;

/**
 * My review of a product: the stars and the words sent together by one button (a click on a star
 * chooses, it does not send), starting from what I said before.
 */
export function ReviewForm(props: { account: string; productId: string; mine: MyRating }) {
  const id = createUniqueId();
  const [vote, setVote] = createSignal(props.mine.myVote ?? 0);
  const [text, setText] = createSignal(props.mine.myText ?? "");
  const form = createForm();
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      if (vote() < 1) throw new FormInvalid({ vote: "Choose from 1 to 5 stars." });
      const words = text().trim();
      const saved = await rateProduct(props.productId, vote(), words || undefined);
      await setQuery(getMyRating, [props.account, props.productId], saved);
      return words && saved.myTextPending
        ? "Thanks! Your words appear once our team has read them."
        : "Thanks for your vote!";
    });
  };
  return (
    <form class="form review-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Your review</h3>
      <fieldset class="stars" aria-describedby={form.errors().vote ? `${id}-vote-error` : undefined}>
        <legend>Your vote</legend>
        <For each={[1, 2, 3, 4, 5]}>
          {(value) => (
            <label class="star" classList={{ on: value <= vote() }}>
              <input
                type="radio"
                name={`${id}-vote`}
                value={value}
                class="visually-hidden"
                checked={vote() === value}
                onChange={() => setVote(value)}
              />
              <span aria-hidden="true">★</span>
              <span class="visually-hidden">{value === 1 ? "1 star" : `${value} stars`}</span>
            </label>
          )}
        </For>
      </fieldset>
      <Show when={form.errors().vote}>
        <small id={`${id}-vote-error`} class="field-error">
          {form.errors().vote}
        </small>
      </Show>
      <label class="field" for={`${id}-text`}>
        <span>Your review (optional)</span>
        <textarea
          id={`${id}-text`}
          placeholder="What did you think?"
          maxLength={2000}
          value={text()}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </label>
      <Show when={props.mine.myText && props.mine.myTextPending}>
        <p class="muted" data-testid="review-pending">
          Your words wait for our team before others see them.
        </p>
      </Show>
      <FormError error={form.error()} />
      <p class="muted" role="status">
        {form.notice()}
      </p>
      <div>
        <button type="submit" class="button" disabled={form.busy()}>
          {props.mine.myVote ? "Update review" : "Submit review"}
        </button>
      </div>
    </form>
  );
}
