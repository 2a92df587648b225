import { type FireMessage, substitutedScheduledTimeMs } from '../domain/fire-message.js';
import { latestFireAtOrBefore, nextFireAfter } from '../domain/fire-times.js';
import type { Job } from '../domain/job.js';
import { parseSchedule } from '../domain/schedule.js';
import type { Clock, HttpTargetCaller, JobStore, RunStore } from './ports.js';

export interface ExecuteFireDeps {
  readonly jobs: JobStore;
  readonly runs: RunStore;
  readonly http: HttpTargetCaller;
  readonly clock: Clock;
}

export interface Fire {
  readonly message: FireMessage;
  /** When the message was first put on the queue (SQS SentTimestamp): stable across redeliveries. */
  readonly sentAtMs: number;
  /** How long this executor may hold the run lock before another may take over: its remaining run time. */
  readonly leaseMs: number;
}

export type FireResult =
  | {
      readonly kind: 'ran';
      readonly scheduledTime: string;
      readonly status: 'SUCCEEDED' | 'FAILED';
      readonly error?: string;
    }
  | { readonly kind: 'duplicate'; readonly scheduledTime: string }
  | { readonly kind: 'lease_lost'; readonly scheduledTime: string }
  | {
      readonly kind: 'skipped';
      readonly reason: 'job_not_found' | 'stale_revision' | 'paused' | 'no_fire_due';
    };

/**
 * The scheduled time of a fire. EventBridge Scheduler substitutes it into the message; where the placeholder
 * arrives verbatim (emulators), it is derived from the job's schedule as the latest fire due when the
 * message was sent — the same answer for every redelivery of the message, so the lock key stays stable.
 */
export function scheduledTimeOf(job: Job, fire: Fire): number | undefined {
  const substituted = substitutedScheduledTimeMs(fire.message);
  if (substituted !== undefined) return substituted;
  return latestFireAtOrBefore(parseSchedule(job.schedule), Date.parse(job.scheduleAnchorAt), fire.sentAtMs);
}

/** Runs one fire with an exactly-once effect: lock on (job, scheduled time), call the target, record. */
export async function executeFire(deps: ExecuteFireDeps, fire: Fire): Promise<FireResult> {
  const job = await deps.jobs.get(fire.message.jobId);
  if (!job || job.tenant !== fire.message.tenant) return { kind: 'skipped', reason: 'job_not_found' };
  if (job.revision > fire.message.revision) return { kind: 'skipped', reason: 'stale_revision' };
  if (job.status === 'PAUSED') return { kind: 'skipped', reason: 'paused' };

  const scheduledMs = scheduledTimeOf(job, fire);
  if (scheduledMs === undefined) return { kind: 'skipped', reason: 'no_fire_due' };
  const scheduledTime = new Date(scheduledMs).toISOString();

  const lock = await deps.runs.acquire({
    jobId: job.jobId,
    scheduledTime,
    leaseMs: fire.leaseMs,
    nowMs: deps.clock.nowMs(),
  });
  if (!lock.acquired) return { kind: 'duplicate', scheduledTime };

  const outcome = await deps.http.call({
    target: job.target,
    payload: job.payload,
    idempotencyKey: `${job.jobId}/${scheduledTime}`,
  });
  const status = outcome.ok ? 'SUCCEEDED' : 'FAILED';
  const { ok: _ok, ...recorded } = outcome;
  const finished = await deps.runs.finish({
    jobId: job.jobId,
    scheduledTime,
    leaseToken: lock.leaseToken,
    status,
    outcome: recorded,
    nowMs: deps.clock.nowMs(),
  });
  if (!finished) return { kind: 'lease_lost', scheduledTime };

  const schedule = parseSchedule(job.schedule);
  const nextMs = nextFireAfter(
    schedule,
    Date.parse(job.scheduleAnchorAt),
    Math.max(scheduledMs, deps.clock.nowMs()),
  );
  await deps.jobs.recordRunResult(job.jobId, {
    lastRunAt: scheduledTime,
    lastRunStatus: status,
    ...(nextMs === undefined ? {} : { nextRunAt: new Date(nextMs).toISOString() }),
    completed: nextMs === undefined,
  });
  return { kind: 'ran', scheduledTime, status, ...(outcome.error ? { error: outcome.error } : {}) };
}
