import { A, Navigate, revalidate, useLocation } from "@solidjs/router";
import { ErrorBoundary, type JSX } from "solid-js";
import { ApiError } from "../lib/http.ts";
import { describeError } from "./FormError.tsx";

/** A page's failure shown as the shopper would expect: not found, sign in, or an error to retry. */
function Failure(props: { error: unknown; retry: () => void }) {
  const location = useLocation();
  const status = props.error instanceof ApiError ? props.error.status : 0;
  if (status === 404) {
    return (
      <section>
        <h1>Not found</h1>
        <p>There is nothing at this address, or it is no longer sold.</p>
        <p>
          <A href="/">Back to the shop</A>
        </p>
      </section>
    );
  }
  if (status === 401) return <Navigate href={`/signin?next=${encodeURIComponent(location.pathname)}`} />;
  return (
    <section role="alert">
      <h1>Something went wrong</h1>
      <p>{describeError(props.error)}</p>
      <button type="button" class="button" onClick={props.retry}>
        Try again
      </button>
    </section>
  );
}

export function PageBoundary(props: { children: JSX.Element }) {
  return (
    <ErrorBoundary
      fallback={(error, reset) => (
        <Failure
          error={error}
          retry={() => {
            void revalidate();
            reset();
          }}
        />
      )}
    >
      {props.children}
    </ErrorBoundary>
  );
}
