import type { createChecks } from "../lib/checks.ts";
import type { ScheduleBody } from "./price-schedules.ts";

/** What staff type: amounts in the currency's units, and the start as a `datetime-local` value. */
export interface ScheduleDraft {
  price: string;
  oldPrice: string;
  discount: string;
  startsAt: string;
}

export const emptyScheduleDraft = (): ScheduleDraft => ({ price: "", oldPrice: "", discount: "", startsAt: "" });

/** A `datetime-local` value, read in this browser's time zone, as the API's ISO instant. */
export function instantOfLocal(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return undefined;
  // A date and time without an offset is local time (ECMAScript's date-time string format).
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

/** The draft as the API takes it, checked as the API will: a start to come, a discount within the price. */
export function scheduleBody(check: ReturnType<typeof createChecks>, draft: ScheduleDraft, now = Date.now()) {
  const price = check.money("price", draft.price);
  const discount = draft.discount.trim() === "" ? 0 : check.money("discount", draft.discount);
  const oldPrice = check.optionalMoney("oldPrice", draft.oldPrice);
  if (discount > price) check.fail("discount", "The discount cannot be more than the price.");
  const startsAt = instantOfLocal(draft.startsAt);
  if (!startsAt) check.fail("startsAt", "Choose the day and time the change starts.");
  else if (Date.parse(startsAt) <= now) check.fail("startsAt", "Choose a time to come.");
  check.done();
  return { price, discount, oldPrice, startsAt: startsAt as string } satisfies ScheduleBody;
}
