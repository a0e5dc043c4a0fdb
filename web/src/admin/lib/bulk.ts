/*
 * A bulk action's outcome in one sentence: how many things it did, and why the others were not done.
 */

type Result = { ok: true } | { ok: false; error: { message: string } };

/** "Shipped 3 orders; 1 could not be: Order #1042 is not paid." */
export function bulkSummary(
  results: Result[],
  words: { done: string; none: string; one: string; many: string },
): string {
  const failed = results.flatMap((r) => (r.ok ? [] : [r.error.message]));
  const succeeded = results.length - failed.length;
  const count = succeeded === 1 ? `1 ${words.one}` : `${succeeded} ${words.many}`;
  const head = succeeded > 0 ? `${words.done} ${count}` : words.none;
  if (failed.length === 0) return `${head}.`;
  const why = failed.join("; ");
  return succeeded > 0 ? `${head}; ${failed.length} could not be: ${why}.` : `${head}: ${why}.`;
}
