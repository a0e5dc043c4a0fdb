import { customType } from "drizzle-orm/pg-core";

const units = ["years?", "mons?", "days?"] as const;

/**
 * Postgres' default interval output (`1 year 2 mons 3 days 04:05:06.5`) as an ISO 8601 duration
 * (`P1Y2M3DT4H5M6.5S`), the form the API takes and answers. ISO input passes through unchanged.
 */
export function toIsoDuration(text: string): string {
  if (text.startsWith("P")) return text;
  const [y, mo, d] = units.map((unit) => Number(new RegExp(`(-?\\d+) ${unit}\\b`).exec(text)?.[1] ?? 0));
  const clock = /(-?)(\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(text);
  const sign = clock?.[1] ? -1 : 1;
  const [h, mi, s] = clock ? [Number(clock[2]) * sign, Number(clock[3]) * sign, Number(clock[4]) * sign] : [0, 0, 0];
  const date = `${y ? `${y}Y` : ""}${mo ? `${mo}M` : ""}${d ? `${d}D` : ""}`;
  const time = `${h ? `${h}H` : ""}${mi ? `${mi}M` : ""}${s ? `${s}S` : ""}`;
  const iso = `P${date}${time ? `T${time}` : ""}`;
  return iso === "P" ? "PT0S" : iso;
}

/** An interval column read and written as an ISO 8601 duration. */
export const isoInterval = customType<{ data: string; driverData: string }>({
  dataType: () => "interval",
  fromDriver: toIsoDuration,
});
