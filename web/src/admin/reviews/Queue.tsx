import { For, type JSX, Show } from "solid-js";
import type { PagedList } from "../../lib/data.ts";
import { createForm } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { ConfirmButton } from "../components/Feedback.tsx";
import { ListState } from "../components/State.tsx";
import { describeAdminError } from "../lib/errors.ts";

type Kind = "ratings" | "comments";

/** One entry of a queue, with the button that decides it and what went wrong doing so. */
function QueueEntry(props: {
  kind: Kind;
  id: string;
  approvedView: boolean;
  fresh: boolean;
  onDecided: (message: string) => void;
  children: JSX.Element;
}) {
  const form = createForm();
  const noun = () => (props.kind === "ratings" ? "review" : "comment");
  const param = () => ({ kind: props.kind, id: props.id });
  const decide = () =>
    form.run(async () => {
      const approved = !props.approvedView;
      await read(api.admin[":kind"][":id"].$patch({ param: param(), json: { approved } }));
      props.onDecided(
        approved ? `Approved: the ${noun()} is now shown in the shop.` : `The ${noun()} is hidden from the shop again.`,
      );
    });
  const reject = () =>
    form.run(async () => {
      await read(api.admin.ratings[":id"].reject.$post({ param: { id: props.id } }));
      props.onDecided("Rejected: the review's text is never shown; its stars still count.");
    });
  const remove = () =>
    form.run(async () => {
      await read(api.admin[":kind"][":id"].$delete({ param: param() }));
      props.onDecided(`The ${noun()} is deleted${props.kind === "ratings" ? ", its stars too" : ""}.`);
    });
  return (
    <li class="a-card" data-testid={`queue-${props.kind}`}>
      <Show when={props.fresh}>
        <span class="badge">New</span>{" "}
      </Show>
      {props.children}
      <div class="a-actions">
        <button
          type="button"
          data-decide
          class={props.approvedView ? "button secondary" : "button"}
          disabled={form.busy()}
          onClick={() => void decide()}
        >
          {props.approvedView ? "Hide again" : "Approve"}
          <span class="visually-hidden"> this {noun()}</span>
        </button>
        <Show when={props.kind === "ratings" && !props.approvedView}>
          <button type="button" class="button secondary" disabled={form.busy()} onClick={() => void reject()}>
            Reject<span class="visually-hidden"> this review's text</span>
          </button>
        </Show>
        <ConfirmButton
          label="Delete"
          question={`Delete this ${noun()} for good?`}
          confirmLabel={`Delete the ${noun()}`}
          danger
          disabled={form.busy()}
          onConfirm={remove}
        />
      </div>
      <Show when={form.error()}>
        <p class="form-error" role="alert">
          {describeAdminError(form.error())}
        </p>
      </Show>
    </li>
  );
}

/** One queue (ratings or comments): approve, or take back an approval, and the entry leaves the list. */
export function Queue<T extends { id: string }>(props: {
  title: string;
  kind: Kind;
  list: PagedList<T>;
  approvedView: boolean;
  fresh: Set<string>;
  render: (entry: T) => JSX.Element;
  onDone: (message: string) => void;
}) {
  let listElement: HTMLUListElement | undefined;
  const decided = (entry: T, index: number, message: string) => {
    props.list.update((items) => items.filter((e) => e.id !== entry.id));
    props.onDone(message);
    // Keyboard users carry on with the next entry.
    queueMicrotask(() => {
      const buttons = listElement?.querySelectorAll<HTMLButtonElement>("button[data-decide]");
      buttons?.[Math.min(index, buttons.length - 1)]?.focus();
    });
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
                <QueueEntry
                  kind={props.kind}
                  id={entry.id}
                  approvedView={props.approvedView}
                  fresh={props.fresh.has(entry.id)}
                  onDecided={(message) => decided(entry, index(), message)}
                >
                  {props.render(entry)}
                </QueueEntry>
              )}
            </For>
          </ul>
        )}
      </ListState>
    </section>
  );
}
