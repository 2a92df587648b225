import { nextFireAfter } from '../../lambdas/domain/fire-times.js';
import { parseSchedule } from '../../lambdas/domain/schedule.js';

/** A schedule as the emulator's Scheduler API describes it (GetSchedule), reduced to what decides its fires. */
export interface DrivenSchedule {
  /** Its ARN: what `<aws.scheduler.schedule-arn>` becomes. */
  readonly arn: string;
  readonly expression: string;
  readonly timezone: string;
  readonly enabled: boolean;
  readonly startMs?: number;
  readonly endMs?: number;
  /**
   * Where a rate without StartDate counts from: when the schedule was made with its current expression (its
   * creation, or the update that changed the expression), as the project's own job model anchors it.
   */
  readonly anchorMs: number;
}

export interface FirePlan {
  /** Fires to deliver now, oldest first (at most `maxFires`). */
  readonly due: number[];
  /** Fires older than the catch-up horizon, passed over (the driver was not running when they were due). */
  readonly missed: number;
  /** Fires at or before this instant are done once `due` is delivered. */
  readonly doneUntilMs: number;
  /** The next fire after those, or undefined when the schedule will not fire again. */
  readonly nextMs: number | undefined;
}

export interface PlanOptions {
  /** Fires due longer ago than this are passed over, not delivered late. */
  readonly catchUpMs: number;
  /** The most fires delivered for one schedule in one pass: keeps a pass bounded. */
  readonly maxFires: number;
}

/** How many passed-over fires one plan walks through before jumping to the horizon. */
const MAX_MISSED_STEPS = 1000;

/**
 * The fires of `schedule` due by `nowMs` after `doneUntilMs` (undefined: a schedule seen for the first time,
 * due from its anchor), computed with the project's own fire-time code (lambdas/domain/fire-times.ts): cron in
 * the schedule's zone with DST as AWS handles it, rate from its start or anchor, one-time, start/end windows.
 * A disabled schedule has none, and what falls due while it is disabled is never delivered (as on AWS).
 */
export function planFires(
  schedule: DrivenSchedule,
  doneUntilMs: number | undefined,
  nowMs: number,
  options: PlanOptions,
): FirePlan {
  if (!schedule.enabled) return { due: [], missed: 0, doneUntilMs: nowMs, nextMs: undefined };
  const parsed = parseSchedule({
    expression: schedule.expression,
    timezone: schedule.timezone,
    ...(schedule.startMs === undefined ? {} : { startAt: new Date(schedule.startMs).toISOString() }),
    ...(schedule.endMs === undefined ? {} : { endAt: new Date(schedule.endMs).toISOString() }),
  });
  const horizon = nowMs - options.catchUpMs;
  const due: number[] = [];
  let missed = 0;
  let after = doneUntilMs ?? schedule.anchorMs - 1;
  for (let step = 0; due.length < options.maxFires && step < options.maxFires + MAX_MISSED_STEPS; step++) {
    const next = nextFireAfter(parsed, schedule.anchorMs, after);
    if (next === undefined || next > nowMs) break;
    if (next < horizon) missed++;
    else due.push(next);
    after = next;
  }
  // More passed-over fires than one plan walks: the rest are skipped wholesale.
  if (due.length === 0 && after < horizon) after = horizon;
  return { due, missed, doneUntilMs: after, nextMs: nextFireAfter(parsed, schedule.anchorMs, after) };
}
