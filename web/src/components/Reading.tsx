import { revalidate } from "@solidjs/router";
import { ErrorBoundary, type JSX, Suspense } from "solid-js";
import { LoadFailure } from "./LoadFailure.tsx";

/**
 * Where a part of a page reads: "Loading …" while its queries' first answer is on its way, then a
 * failure in words with a retry (which reads the queries `keys` again) while the rest of the page
 * stays. Reads made again later keep the last answer on screen until the new one arrives.
 */
export function Reading(props: { keys: string | string[]; what: string; loading: string; children: JSX.Element }) {
  return (
    <ErrorBoundary
      fallback={(error, reset) => (
        <LoadFailure
          what={props.what}
          error={error}
          retry={async () => {
            await revalidate(props.keys);
            reset();
          }}
        />
      )}
    >
      <Suspense
        fallback={
          <p class="muted" role="status">
            {props.loading}
          </p>
        }
      >
        {props.children}
      </Suspense>
    </ErrorBoundary>
  );
}
