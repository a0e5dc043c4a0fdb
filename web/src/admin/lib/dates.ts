/** The start of a calendar day in this browser's time zone, as the API's ISO datetime. */
export function startOfDay(date: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const time = new Date(`${date}T00:00:00`);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

/** The end of a calendar day (the next day's start): a "to" date includes its whole day. */
export function endOfDay(date: string): string | undefined {
  const start = startOfDay(date);
  if (!start) return undefined;
  const next = new Date(`${date}T00:00:00`);
  next.setDate(next.getDate() + 1);
  return next.toISOString();
}
