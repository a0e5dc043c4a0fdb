/** A coupon's validity in people's units; the API speaks ISO 8601 durations (PT30M, P7D). */
export type DurationUnit = "minutes" | "hours" | "days" | "weeks";

export const durationUnits: { unit: DurationUnit; label: string; minutes: number }[] = [
  { unit: "minutes", label: "minutes", minutes: 1 },
  { unit: "hours", label: "hours", minutes: 60 },
  { unit: "days", label: "days", minutes: 1_440 },
  { unit: "weeks", label: "weeks", minutes: 10_080 },
];

/** An amount of a unit as an ISO 8601 duration: 30 minutes → PT30M, 7 days → P7D, 2 weeks → P14D. */
export function toIsoDuration(amount: number, unit: DurationUnit): string {
  if (unit === "minutes") return `PT${amount}M`;
  if (unit === "hours") return `PT${amount}H`;
  if (unit === "days") return `P${amount}D`;
  return `P${amount * 7}D`;
}

const pattern = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Whole minutes of an ISO 8601 duration, when it has no years or months (whose length varies). */
export function durationMinutes(iso: string): number | null {
  const match = pattern.exec(iso);
  if (!match || iso === "P" || iso.endsWith("T")) return null;
  const [, weeks, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  if (seconds % 60 !== 0) return null;
  return weeks * 10_080 + days * 1_440 + hours * 60 + minutes + seconds / 60;
}

/** The largest unit that measures the duration exactly: P14D → 2 weeks, PT90M → 90 minutes. */
export function fromIsoDuration(iso: string): { amount: number; unit: DurationUnit } | null {
  const minutes = durationMinutes(iso);
  if (minutes === null || minutes <= 0) return null;
  for (const { unit, minutes: size } of [...durationUnits].reverse()) {
    if (minutes % size === 0) return { amount: minutes / size, unit };
  }
  return null;
}

/** A duration for people: "7 days", "1 hour", or the ISO text when it has months or years. */
export function describeDuration(iso: string): string {
  const parsed = fromIsoDuration(iso);
  if (!parsed) return iso;
  const { amount, unit } = parsed;
  return `${amount} ${amount === 1 ? unit.slice(0, -1) : unit}`;
}
