import type { CronSpec } from './cron.js';
import { cronDaysInMonth } from './cron-days.js';
import { zoneOffsetMs } from './zoned-time.js';

/*
 * Daylight saving time, as EventBridge Scheduler documents it
 * (https://repost.aws/knowledge-center/eventbridge-scheduler-adjust-dst, and "Daylight savings time on
 * EventBridge Scheduler" in https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html):
 *   "When the time shifts forward in Spring, your schedule invocation gets skipped if the cron expression
 *    falls on a non-existent date and time. When the time shifts back in the Fall, your schedule runs only
 *    once and doesn't repeat its invocation."
 * So a cron fires at every wall-clock time it selects that exists in the zone, at that time's first
 * occurrence; a wall-clock time inside a spring-forward gap is not moved, it is skipped.
 */

const MINUTE_MS = 60_000;
/** Wider than any offset change, so the offsets either side of a transition are both seen. */
const LOOKAROUND_MS = 36 * 3_600_000;
const EARLIEST_WALL_MS = Date.UTC(1970, 0, 1);

/** The first fire strictly after `afterMs`, or undefined when the cron's years are exhausted. */
export function nextCronFireAfter(spec: CronSpec, timeZone: string, afterMs: number): number | undefined {
  // Fires follow wall-clock order, and no wall time before the current one has its first occurrence later.
  for (const wallMs of wallTimesFrom(spec, floorToMinute(wallClockAt(afterMs, timeZone)))) {
    const fire = wallClockOccurrences(wallMs, timeZone)[0];
    if (fire !== undefined && fire > afterMs) return fire;
  }
  return undefined;
}

/** The latest fire at or before `atMs`, or undefined when the cron had none. */
export function previousCronFireAtOrBefore(
  spec: CronSpec,
  timeZone: string,
  atMs: number,
): number | undefined {
  // In the second pass through a fall-back overlap, later wall times already fired on the first pass:
  // start from the wall time under the larger of the offsets around `atMs`.
  const widestOffset = Math.max(zoneOffsetMs(atMs, timeZone), zoneOffsetMs(atMs - LOOKAROUND_MS, timeZone));
  for (const wallMs of wallTimesDownFrom(spec, floorToMinute(atMs + widestOffset))) {
    const fire = wallClockOccurrences(wallMs, timeZone)[0];
    if (fire !== undefined && fire <= atMs) return fire;
  }
  return undefined;
}

/**
 * How daylight saving time touched `fireMs`, a fire of `spec`: 'overlap' when its wall-clock time occurs
 * twice (a fall-back; it fires only at the first), 'gap' when a wall-clock time the cron selects was
 * skipped by a spring-forward since the previous fire, otherwise undefined.
 */
export function cronFireIsDstAffected(
  spec: CronSpec,
  timeZone: string,
  fireMs: number,
): 'gap' | 'overlap' | undefined {
  const wallMs = wallClockAt(fireMs, timeZone);
  if (wallClockOccurrences(wallMs, timeZone).length > 1) return 'overlap';
  const previous = previousCronFireAtOrBefore(spec, timeZone, fireMs - 1);
  const fromWallMs =
    previous === undefined ? EARLIEST_WALL_MS : floorToMinute(wallClockAt(previous, timeZone)) + MINUTE_MS;
  // Any selected wall time between the previous fire and this one would have fired, unless it did not exist.
  const firstSelected = wallTimesFrom(spec, fromWallMs).next();
  return !firstSelected.done && firstSelected.value < floorToMinute(wallMs) ? 'gap' : undefined;
}

/** The wall-clock time in `timeZone` at `epochMs`, encoded as UTC milliseconds. */
function wallClockAt(epochMs: number, timeZone: string): number {
  return epochMs + zoneOffsetMs(epochMs, timeZone);
}

function floorToMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/** The instants, ascending, at which the wall clock shows `wallMs`: none in a gap, two in an overlap. */
function wallClockOccurrences(wallMs: number, timeZone: string): number[] {
  const offsets = new Set([
    zoneOffsetMs(wallMs - LOOKAROUND_MS, timeZone),
    zoneOffsetMs(wallMs + LOOKAROUND_MS, timeZone),
  ]);
  return [...offsets]
    .map((offset) => wallMs - offset)
    .filter((instant) => wallClockAt(instant, timeZone) === wallMs)
    .sort((a, b) => a - b);
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

function wallClockParts(wallMs: number): WallClock {
  const date = new Date(wallMs);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
  };
}

/**
 * The wall-clock times the cron selects, ascending from `fromWallMs` (inclusive), as UTC-encoded ms.
 * It walks the fields' value lists, so a cron that never matches ends after one pass over its years.
 */
function* wallTimesFrom(spec: CronSpec, fromWallMs: number): Generator<number> {
  const from = wallClockParts(fromWallMs);
  for (const year of spec.years) {
    if (year < from.year) continue;
    const sameYear = year === from.year;
    for (const month of spec.months) {
      if (sameYear && month < from.month) continue;
      const sameMonth = sameYear && month === from.month;
      for (const day of cronDaysInMonth(spec.days, year, month)) {
        if (sameMonth && day < from.day) continue;
        const sameDay = sameMonth && day === from.day;
        for (const hour of spec.hours) {
          if (sameDay && hour < from.hour) continue;
          const sameHour = sameDay && hour === from.hour;
          for (const minute of spec.minutes) {
            if (sameHour && minute < from.minute) continue;
            yield Date.UTC(year, month - 1, day, hour, minute);
          }
        }
      }
    }
  }
}

/** The wall-clock times the cron selects, descending from `fromWallMs` (inclusive). */
function* wallTimesDownFrom(spec: CronSpec, fromWallMs: number): Generator<number> {
  const from = wallClockParts(fromWallMs);
  const [hours, minutes] = [[...spec.hours].reverse(), [...spec.minutes].reverse()];
  for (const year of [...spec.years].reverse()) {
    if (year > from.year) continue;
    const sameYear = year === from.year;
    for (const month of [...spec.months].reverse()) {
      if (sameYear && month > from.month) continue;
      const sameMonth = sameYear && month === from.month;
      for (const day of cronDaysInMonth(spec.days, year, month).reverse()) {
        if (sameMonth && day > from.day) continue;
        const sameDay = sameMonth && day === from.day;
        for (const hour of hours) {
          if (sameDay && hour > from.hour) continue;
          const sameHour = sameDay && hour === from.hour;
          for (const minute of minutes) {
            if (sameHour && minute > from.minute) continue;
            yield Date.UTC(year, month - 1, day, hour, minute);
          }
        }
      }
    }
  }
}
