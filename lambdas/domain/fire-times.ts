import type { ParsedSchedule } from './schedule.js';

/** The first fire strictly after `afterMs`, or undefined when the schedule will not fire again. */
export function nextFireAfter(
  schedule: ParsedSchedule,
  anchorMs: number,
  afterMs: number,
): number | undefined {
  if (schedule.kind === 'at') return schedule.atMs > afterMs ? schedule.atMs : undefined;
  const intervalMs = schedule.intervalSeconds * 1000;
  if (afterMs < anchorMs) return anchorMs + intervalMs;
  return anchorMs + (Math.floor((afterMs - anchorMs) / intervalMs) + 1) * intervalMs;
}

/**
 * The latest scheduled fire at or before `atMs`, or undefined when none had come due. A rate schedule
 * first fires one interval after its anchor (its creation), as EventBridge Scheduler does.
 */
export function latestFireAtOrBefore(
  schedule: ParsedSchedule,
  anchorMs: number,
  atMs: number,
): number | undefined {
  if (schedule.kind === 'at') return schedule.atMs <= atMs ? schedule.atMs : undefined;
  const intervalMs = schedule.intervalSeconds * 1000;
  const intervals = Math.floor((atMs - anchorMs) / intervalMs);
  return intervals >= 1 ? anchorMs + intervals * intervalMs : undefined;
}
