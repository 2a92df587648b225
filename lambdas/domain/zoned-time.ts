/** Conversions between instants and wall-clock times in IANA time zones, with no dependency but Intl. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  // Stryker disable next-line ConditionalExpression: a cache; a new formatter on every call answers the same.
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** An IANA zone name such as `UTC`, `Europe/Berlin` or `America/Argentina/Buenos_Aires` (not an offset like `+01:00`). */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** True when the runtime knows `timeZone` as an IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!IANA_NAME.test(timeZone)) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `timeZone` from UTC at the instant `epochMs`, in milliseconds (east positive). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
  const field = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value ?? Number.NaN);
  const asUtc = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** A wall-clock date-time without zone, as `YYYY-MM-DDThh:mm:ss`. */
export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** Milliseconds since the epoch for a valid `YYYY-MM-DDThh:mm:ss` read as if it were UTC, or undefined. */
export function wallClockAsUtcMs(localDateTime: string): number | undefined {
  const match = LOCAL_DATE_TIME.exec(localDateTime);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Years outside EventBridge Scheduler's range are refused (and Date.UTC would read 0099 as 1999).
  if (year < 1970 || year > 2199) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(ms);
  // Reject 2026-02-30, month 13, hour 24 and friends: Date.UTC rolls them over silently, into another day or
  // month. (Minutes and seconds roll over within the day, so they are checked themselves.)
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || minute > 59 || second > 59) {
    return undefined;
  }
  return ms;
}

/**
 * The instant at which the wall clock in `timeZone` shows `wallMs` (a wall-clock time encoded as UTC ms).
 * In a spring-forward gap the wall time does not exist: it is read with the offset from before the
 * transition, which moves it forward by the gap (as java.time and Temporal do). In a fall-back overlap the
 * earlier of the two instants is taken. (Recurring cron fires in a gap are skipped instead: cron-fire-times.)
 */
export function wallClockToInstantMs(wallMs: number, timeZone: string): number {
  const before = wallMs - zoneOffsetMs(wallMs - 36 * 3_600_000, timeZone);
  const after = wallMs - zoneOffsetMs(wallMs + 36 * 3_600_000, timeZone);
  const candidates = [before, after].filter(
    (instant) => instant + zoneOffsetMs(instant, timeZone) === wallMs,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  // Gap: the wall time was skipped. Read with the offset from before the transition, it lands the gap later.
  return wallMs - zoneOffsetMs(wallMs - 36 * 3_600_000, timeZone);
}

/** The wall-clock time `YYYY-MM-DDThh:mm:ss` in `timeZone` at the instant `epochMs`. */
export function instantToWallClock(epochMs: number, timeZone: string): string {
  const wall = new Date(epochMs + zoneOffsetMs(epochMs, timeZone));
  return wall.toISOString().slice(0, 19);
}

/** The wall-clock time in `timeZone` at `epochMs` with its UTC offset, e.g. `2026-03-29T09:00:00+02:00`. */
export function localTimeWithOffset(epochMs: number, timeZone: string): string {
  const wall = instantToWallClock(epochMs, timeZone);
  const offsetMinutes = Math.round((Date.parse(`${wall}Z`) - Math.floor(epochMs / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
