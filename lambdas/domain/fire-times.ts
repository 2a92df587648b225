import { nextCronFireAfter, previousCronFireAtOrBefore } from './cron-fire-times.js';
import type { ParsedSchedule } from './schedule.js';

/**
 * The first fire strictly after `afterMs`, or undefined when the schedule will not fire again. A rate
 * schedule fires at its origin and then every interval; the origin is `startAt`, else the moment the
 * schedule was created ("If you don't provide a StartDate for a rate-based schedule, your schedule
 * immediately starts invoking the target": EventBridge Scheduler user guide, schedule types). `startAt` and
 * `endAt` bound every recurring kind.
 */
export function nextFireAfter(
  schedule: ParsedSchedule,
  anchorMs: number,
  afterMs: number,
): number | undefined {
  if (schedule.kind === 'at') return schedule.atMs > afterMs ? schedule.atMs : undefined;
  const from = Math.max(afterMs, (schedule.startMs ?? Number.NEGATIVE_INFINITY) - 1);
  let next: number | undefined;
  if (schedule.kind === 'rate') {
    const intervalMs = schedule.intervalSeconds * 1000;
    const origin = schedule.startMs ?? anchorMs;
    next = from < origin ? origin : origin + (Math.floor((from - origin) / intervalMs) + 1) * intervalMs;
  } else {
    next = nextCronFireAfter(schedule.cron, schedule.timezone, from);
  }
  return next !== undefined && (schedule.endMs === undefined || next <= schedule.endMs) ? next : undefined;
}

/** The latest scheduled fire at or before `atMs` (within the schedule's window), or undefined if none was due. */
export function latestFireAtOrBefore(
  schedule: ParsedSchedule,
  anchorMs: number,
  atMs: number,
): number | undefined {
  if (schedule.kind === 'at') return schedule.atMs <= atMs ? schedule.atMs : undefined;
  const until = Math.min(atMs, schedule.endMs ?? Number.POSITIVE_INFINITY);
  let latest: number | undefined;
  if (schedule.kind === 'rate') {
    const intervalMs = schedule.intervalSeconds * 1000;
    const origin = schedule.startMs ?? anchorMs;
    const intervals = Math.floor((until - origin) / intervalMs);
    latest = intervals >= 0 ? origin + intervals * intervalMs : undefined;
  } else {
    latest = previousCronFireAtOrBefore(schedule.cron, schedule.timezone, until);
  }
  return latest !== undefined && (schedule.startMs === undefined || latest >= schedule.startMs)
    ? latest
    : undefined;
}

/** The next `count` fires strictly after `afterMs`. */
export function nextFires(
  schedule: ParsedSchedule,
  anchorMs: number,
  afterMs: number,
  count: number,
): number[] {
  const fires: number[] = [];
  let cursor = afterMs;
  while (fires.length < count) {
    const next = nextFireAfter(schedule, anchorMs, cursor);
    if (next === undefined) break;
    fires.push(next);
    cursor = next;
  }
  return fires;
}
