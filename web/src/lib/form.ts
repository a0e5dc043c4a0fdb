import { action, json, useAction, useSubmission } from "@solidjs/router";
import { fieldErrors } from "./field-errors.ts";

/** What one submission of a form came to: the notice its work returned, or its failure. */
type Outcome = { notice?: string; failure?: unknown };

let forms = 0;

/**
 * The one way the web app changes something: every form and every button that writes runs its work
 * through a router action, and the router's submission holds the state: pending while it runs, then
 * its failure (the API's error, or the form's own checks) with the field errors it names, or the
 * notice the work returned ("Saved."). A second press while one runs is ignored.
 *
 * `refresh` names the queries the work makes stale (their `key`), read again once it succeeded;
 * by default none are, as a write's answer usually updates the page itself. A failure refreshes
 * nothing: a form that failed its own checks sent nothing.
 */
export function createForm(options: { refresh?: string[] } = {}) {
  const run = action(async (work: () => Promise<unknown>) => {
    try {
      const done = await work();
      const notice = typeof done === "string" ? done : undefined;
      return json<Outcome>({ notice }, { revalidate: options.refresh ?? [] });
    } catch (failure) {
      return json<Outcome>({ failure }, { revalidate: [] });
    }
  }, `form-${++forms}`);
  const submission = useSubmission(run);
  const submit = useAction(run);
  const outcome = () => submission.result as Outcome | undefined;
  const error = () => outcome()?.failure;
  return {
    busy: () => submission.pending === true,
    error,
    errors: () => fieldErrors(error()),
    notice: () => outcome()?.notice ?? "",
    /** Forgets the last outcome, as when a form is opened again. */
    clear: () => submission.clear(),
    /** Runs `work`; a string it returns is the notice to show. */
    run: async (work: () => Promise<unknown>) => {
      if (submission.pending) return;
      submission.clear();
      await submit(work);
    },
  };
}

export type Form = ReturnType<typeof createForm>;
