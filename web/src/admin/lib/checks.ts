import { FormInvalid } from "../../lib/field-errors.ts";
import { fromAmount, toAmount } from "./money.ts";

/** Checks a form's text inputs and converts them, collecting every problem by its API path. */
export function createChecks(currency = "USD") {
  const fields: Record<string, string> = {};
  const fail = (path: string, message: string) => {
    fields[path] ??= message;
  };
  return {
    fail,
    /** A required currency amount as minor units. */
    money(path: string, text: string): number {
      const minor = fromAmount(text, currency);
      if (minor === null) fail(path, `Enter an amount such as ${toAmount(1250, currency)}.`);
      return minor ?? 0;
    },
    /** An optional currency amount: empty is null. */
    optionalMoney(path: string, text: string): number | null {
      return text.trim() === "" ? null : this.money(path, text);
    },
    /** A whole number of at least `min`. */
    count(path: string, text: string, min = 0): number {
      const value = text.trim() === "" ? Number.NaN : Number(text);
      if (!Number.isSafeInteger(value) || value < min) fail(path, `Enter a whole number of at least ${min}.`);
      return Number.isSafeInteger(value) ? value : min;
    },
    optionalCount(path: string, text: string, min = 0): number | null {
      return text.trim() === "" ? null : this.count(path, text, min);
    },
    /** Required text. */
    text(path: string, value: string, label = "This"): string {
      if (value.trim() === "") fail(path, `${label} is required.`);
      return value.trim();
    },
    /** Throws the collected problems, if any, so the form shows them beside their fields. */
    done() {
      if (Object.keys(fields).length > 0) throw new FormInvalid(fields);
    },
  };
}

/** The list with its item at `index` moved `by` places; unchanged if that leaves the list. */
export function moved<T>(list: T[], index: number, by: number): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  copy.splice(to, 0, item);
  return copy;
}
