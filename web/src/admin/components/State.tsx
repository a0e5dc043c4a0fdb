import { A } from "@solidjs/router";
import { type JSX, Match, Show, Switch } from "solid-js";
import type { Loader, Paged } from "../lib/data.ts";
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

/** One loaded value: loading, not found (404), failure with retry, or the value. */
export function Async<T>(props: {
  loader: Loader<T>;
  what: string;
  notFound?: JSX.Element;
  children: (value: () => T) => JSX.Element;
}) {
  return (
    <Switch>
      <Match when={props.loader.error() && isNotFound(props.loader.error()) && props.notFound}>{props.notFound}</Match>
      <Match when={props.loader.error()}>
        <Failure error={props.loader.error()} what={props.what} retry={props.loader.reload} />
      </Match>
      <Match when={props.loader.value()} keyed={false}>
        {(value) => props.children(value)}
      </Match>
      <Match when={props.loader.loading()}>
        <Loading what={props.what} />
      </Match>
    </Switch>
  );
}

/**
 * A paged list: loading, failure with retry, empty, or its items with "Load more". The items are
 * handed over as an accessor, so a changed entry does not rebuild the whole list.
 */
export function ListState<T>(props: {
  list: Paged<T>;
  what: string;
  empty: JSX.Element;
  children: (items: () => T[]) => JSX.Element;
}) {
  return (
    <div aria-busy={props.list.loading()}>
      <Switch>
        <Match when={props.list.error()}>
          <Failure error={props.list.error()} what={props.what} retry={props.list.reload} />
        </Match>
        <Match when={!props.list.loaded()}>
          <Loading what={props.what} />
        </Match>
        <Match when={props.list.items().length === 0}>
          <Show when={!props.list.loading()} fallback={<Loading what={props.what} />}>
            <Empty>{props.empty}</Empty>
          </Show>
        </Match>
        <Match when={true}>
          {props.children(props.list.items)}
          <LoadMore list={props.list} />
        </Match>
      </Switch>
    </div>
  );
}

export function LoadMore<T>(props: { list: Paged<T> }) {
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
