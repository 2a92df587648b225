import { nextFireAfter } from './fire-times.js';
import type { Job } from './job.js';
import type { Run } from './run.js';
import { parseSchedule } from './schedule.js';
import { localTimeWithOffset } from './zoned-time.js';

/** Why a fire that was due has no finished run yet. */
export type OverdueReason =
  /** A run of it is under way (its attempt is being made). */
  | 'running'
  /** A run of it failed an attempt and waits for its retry. */
  | 'retrying'
  /**
   * A run of it is RUNNING past its lease: its executor stopped (or the retry is due and not yet picked up).
   * The fire's message comes back within the queue's visibility timeout; once dead-lettered it is listed by
   * GET /api/dlq, and a redrive finishes the run.
   */
  | 'stalled'
  /** No run was recorded: the reconciler fires it once as a catch-up (misfirePolicy fire_once). */
  | 'catch_up_pending'
  /** No run was recorded: the reconciler records it as SKIPPED `missed` (misfirePolicy skip). */
  | 'skip_pending'
  /** Not looked up (in a list): running, retrying, or to be caught up; read the job to know which. */
  | 'awaiting_run';

/**
 * The answer to "why hasn't it fired?", computed on read from the job (no call to the scheduler): whether its
 * schedule fires, the next fire in UTC and in the job's zone, and a due fire that has no finished run yet.
 */
export interface Firing {
  /** `enabled`: registered and firing; `disabled`: paused; `finished`: completed, no schedule left. */
  readonly schedule: 'enabled' | 'disabled' | 'finished';
  readonly nextFireAt?: string;
  /** The next fire as the wall clock in the job's time zone shows it, with its UTC offset. */
  readonly nextFireLocal?: string;
  readonly overdue?: {
    readonly scheduledTime: string;
    readonly reason: OverdueReason;
    readonly detail: string;
    /** When the retry is due, while `retrying`. */
    readonly nextAttemptAt?: string;
  };
}

const DETAIL: Record<OverdueReason, string> = {
  running: 'A run of this fire is under way.',
  retrying: 'A run of this fire failed an attempt and waits for its retry.',
  stalled:
    'A run of this fire is past its lease: its executor stopped. The fire comes back within the queue’s visibility timeout; if it was dead-lettered, GET /api/dlq lists it and a redrive finishes the run.',
  catch_up_pending:
    'This fire has no run yet. If it does not arrive, the reconciler fires it once as a catch-up a few minutes after it was due (misfirePolicy fire_once).',
  skip_pending:
    'This fire has no run yet. If it does not arrive, the reconciler records it as SKIPPED (missed) a few minutes after it was due (misfirePolicy skip).',
  awaiting_run: 'This fire has no finished run yet; GET the job for the reason.',
};

function overdueReason(job: Job, nowMs: number, due: DueRun | undefined): OverdueReason | undefined {
  if (!due) return 'awaiting_run';
  const { run } = due;
  if (run?.status === 'RUNNING') {
    const leaseMs = run.leaseExpiresAtMs ?? 0;
    if (leaseMs < nowMs) return 'stalled';
    // While waiting for a retry the lease is held until the retry is due.
    return run.nextAttemptAt && Date.parse(run.nextAttemptAt) === leaseMs ? 'retrying' : 'running';
  }
  // It ran (under an earlier revision, which could not move the next run): nothing is overdue.
  if (run) return undefined;
  return (job.misfirePolicy ?? 'fire_once') === 'fire_once' ? 'catch_up_pending' : 'skip_pending';
}

/** The run of an overdue fire as read: `run` absent when none was recorded. */
export interface DueRun {
  readonly run?: Run;
}

/** The job's firing state at `nowMs`; `due` is the overdue fire's run as read, absent when not looked up. */
export function firingOf(job: Job, nowMs: number, due?: DueRun): Firing {
  if (job.status === 'COMPLETED') return { schedule: 'finished' };
  if (job.status === 'PAUSED') return { schedule: 'disabled' };
  const storedMs = job.nextRunAt ? Date.parse(job.nextRunAt) : undefined;
  const stale = storedMs !== undefined && storedMs < nowMs;
  const nextMs = stale
    ? nextFireAfter(parseSchedule(job.schedule), Date.parse(job.scheduleAnchorAt), nowMs)
    : storedMs;
  const reason = stale ? overdueReason(job, nowMs, due) : undefined;
  return {
    schedule: 'enabled',
    ...(nextMs === undefined
      ? {}
      : {
          nextFireAt: new Date(nextMs).toISOString(),
          nextFireLocal: localTimeWithOffset(nextMs, job.schedule.timezone),
        }),
    ...(reason && job.nextRunAt
      ? {
          overdue: {
            scheduledTime: job.nextRunAt,
            reason,
            detail: DETAIL[reason],
            ...(reason === 'retrying' && due?.run?.nextAttemptAt
              ? { nextAttemptAt: due.run.nextAttemptAt }
              : {}),
          },
        }
      : {}),
  };
}
