import { describeError } from "./FormError.tsx";

/** A part of a page that could not be loaded: what went wrong in words, and a retry. */
export function LoadFailure(props: { what: string; error: unknown; retry: () => void }) {
  return (
    <div class="notice" role="alert">
      <p>
        {props.what} could not be loaded. {describeError(props.error)}
      </p>
      <button type="button" class="button secondary" onClick={() => props.retry()}>
        Try again
      </button>
    </div>
  );
}
