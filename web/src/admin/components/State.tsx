import { A, revalidate } from "@solidjs/router";
import { type Accessor, ErrorBoundary, type JSX, Show, Suspense } from "solid-js";
import type { PagedList } from "../../lib/data.ts";
import { describeAdminError, isNotFound } from "../lib/errors.ts";

export function Loading(props: { what?: string }) {
  return (
    <p class="muted a-loading" role="status">
      Loading{props.what ? ` ${props.what}` : ""}…
    </p>
  );
}

/** Not found: the thing is gone (or never was), with a way back. */
export function NotFound(props: { what: string; back: string; backLabel: string }) {
  return (
    <div class="a-state">
      <h2>{props.what} not found</h2>
      <p>It does not exist, or it has been deleted.</p>
      <p>
        <A href={props.back}>{props.backLabel}</A>
      </p>
    </div>
  );
}

/** A failed load: what went wrong in words, and a retry. */
export function Failure(props: { error: unknown; what: string; retry: () => void }) {
  return (
    <div class="a-state a-failure" role="alert">
      <p>
        <strong>Could not load {props.what}.</strong> {describeAdminError(props.error)}
      </p>
      <button type="button" class="button secondary" onClick={() => props.retry()}>
        Try again
      </button>
    </div>
  );
}

export function Empty(props: { children: JSX.Element }) {
  return <div class="a-state a-empty muted">{props.children}</div>;
}

/**
 * Where a read is shown: loading while its query's first answer is on its way, not found (404),
 * a failure with a retry (which reads the queries `keys` again), or the value. Reads made again
 * later (after a write, by a live event) keep the value on screen until the new one arrives.
 */
export function Async<T>(props: {
  value: Accessor<T | undefined>;
  keys: string | string[];
  what: string;
  notFound?: JSX.Element;
  children: (value: Accessor<T>) => JSX.Element;
}) {
  return (
    <ReadBoundary keys={props.keys} what={props.what} notFound={props.notFound}>
      <Show when={props.value()} keyed={false}>
        {(value) => props.children(value)}
      </Show>
    </ReadBoundary>
  );
}

/** Loading and failure around reads: the fallbacks `Async` and `ListState` share. */
function ReadBoundary(props: { keys: string | string[]; what: string; notFound?: JSX.Element; children: JSX.Element }) {
  return (
    <ErrorBoundary
      fallback={(error, reset) =>
        isNotFound(error) && props.notFound ? (
          props.notFound
        ) : (
          <Failure
            error={error}
            what={props.what}
            retry={async () => {
              await revalidate(props.keys);
              reset();
            }}
          />
        )
      }
    >
      <Suspense fallback={<Loading what={props.what} />}>{props.children}</Suspense>
    </ErrorBoundary>
  );
}

/**
 * A paged list: loading, failure with retry, empty, or its items with "Load more". The items are
 * handed over as an accessor, so a changed entry does not rebuild the whole list.
 */
export function ListState<T>(props: {
  list: PagedList<T>;
  what: string;
  empty: JSX.Element;
  children: (items: () => T[]) => JSX.Element;
}) {
  return (
    <ReadBoundary keys={props.list.key} what={props.what}>
      <Show when={!props.list.stale()} fallback={<Loading what={props.what} />}>
        <Show when={props.list.items().length > 0} fallback={<Empty>{props.empty}</Empty>}>
          {props.children(props.list.items)}
          <LoadMore list={props.list} />
        </Show>
      </Show>
    </ReadBoundary>
  );
}

export function LoadMore<T>(props: { list: PagedList<T> }) {
  return (
    <>
      <Show when={props.list.moreError()}>
        <p class="form-error" role="alert">
          Could not load more: {describeAdminError(props.list.moreError())}
        </p>
      </Show>
      <Show when={props.list.nextCursor()}>
        <button
          type="button"
          class="button secondary a-load-more"
          disabled={props.list.loadingMore()}
          onClick={() => void props.list.loadMore()}
        >
          {props.list.loadingMore() ? "Loading…" : "Load more"}
        </button>
      </Show>
    </>
  );
}
