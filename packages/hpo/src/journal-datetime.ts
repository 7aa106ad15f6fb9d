// Dates as Optuna writes them: `datetime.now().isoformat(timespec="microseconds")`, local time
// without a zone (`2026-11-23T23:09:44.840453`).

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** A date in Optuna's journal form (local time, microseconds, no zone). */
export function formatOptunaDatetime(date: Date): string {
  return (
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `.${pad(date.getMilliseconds(), 3)}000`
  );
}

/**
 * Reads what Python's `datetime.fromisoformat` reads in a journal: `YYYY-MM-DD[T ]HH:MM[:SS[.f…]]`
 * as local time, or with a `Z`/`±HH:MM` offset. Undefined when it is not such a date.
 */
export function parseOptunaDatetime(text: string): Date | undefined {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      text,
    );
  if (m === null) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0", f = "0", zone] = m;
  const ms = Number(f.padEnd(6, "0")) / 1000;
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  let date: Date;
  if (zone === undefined) {
    date = new Date(...parts, Math.floor(ms));
  } else {
    const offset =
      zone === "Z"
        ? 0
        : (zone.startsWith("-") ? -1 : 1) *
          (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
    date = new Date(Date.UTC(...parts, Math.floor(ms)) - offset * 60_000);
  }
  return Number.isNaN(date.getTime()) ? undefined : date;
}
