import { Show } from "solid-js";
import type { PagedList } from "../lib/data.ts";
import { describeError } from "./FormError.tsx";

/** The button under a paged list that appends its next page, and what went wrong if it could not. */
export function LoadMore<T>(props: { list: PagedList<T>; label: string; what: string }) {
  return (
    <>
      <Show when={props.list.moreError()}>
        <p class="form-error" role="alert">
          Could not load more {props.what}. {describeError(props.list.moreError())}
        </p>
      </Show>
      <Show when={props.list.nextCursor()}>
        <button
          type="button"
          class="button secondary load-more"
          disabled={props.list.loadingMore()}
          onClick={() => void props.list.loadMore()}
        >
          {props.list.loadingMore() ? "Loading…" : props.label}
        </button>
      </Show>
    </>
  );
}
