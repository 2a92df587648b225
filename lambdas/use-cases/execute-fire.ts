import { type FireMessage, substitutedScheduledTimeMs } from '../domain/fire-message.js';
import { latestFireAtOrBefore, nextFireAfter } from '../domain/fire-times.js';
import type { Job } from '../domain/job.js';
import { parseSchedule } from '../domain/schedule.js';
import type { Clock, JobStore, RunStore, TargetCaller } from './ports.js';

export interface ExecuteFireDeps {
  readonly jobs: JobStore;
  readonly runs: RunStore;
  readonly targets: TargetCaller;
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
      readonly runId: string;
      readonly status: 'SUCCEEDED' | 'FAILED';
      readonly error?: string;
    }
  | { readonly kind: 'duplicate'; readonly runId: string }
  | { readonly kind: 'lease_lost'; readonly runId: string }
  | {
      readonly kind: 'skipped';
      readonly reason: 'job_not_found' | 'stale_revision' | 'paused' | 'completed';
    };

/**
 * The scheduled time of a fire. EventBridge Scheduler substitutes it into the message; where the placeholder
 * arrives verbatim (emulators), it is derived from the job's schedule as the latest fire due when the
 * message was sent — the same answer for every redelivery of the message, so the lock key stays stable. If
 * no fire of the current schedule was due yet (an emulator keeps a rate's old cadence across an update),
 * the send time itself identifies the fire.
 */
export function scheduledTimeOf(job: Job, fire: Fire): number {
  const substituted = substitutedScheduledTimeMs(fire.message);
  if (substituted !== undefined) return substituted;
  const derived = latestFireAtOrBefore(
    parseSchedule(job.schedule),
    Date.parse(job.scheduleAnchorAt),
    fire.sentAtMs,
  );
  return derived ?? fire.sentAtMs;
}

function skipReason(
  job: Job | undefined,
  message: FireMessage,
): Extract<FireResult, { kind: 'skipped' }>['reason'] | undefined {
  if (!job || job.tenant !== message.tenant) return 'job_not_found';
  if (job.revision > message.revision && !message.manualRunId) return 'stale_revision';
  if (job.status === 'PAUSED' && !message.manualRunId) return 'paused';
  if (job.status === 'COMPLETED' && !message.manualRunId) return 'completed';
  return undefined;
}

/** Runs one fire with an exactly-once effect: lock on (job, run id), call the target, record. */
export async function executeFire(deps: ExecuteFireDeps, fire: Fire): Promise<FireResult> {
  const job = await deps.jobs.get(fire.message.jobId);
  const reason = skipReason(job, fire.message);
  if (reason || !job) return { kind: 'skipped', reason: reason ?? 'job_not_found' };

  const scheduledMs = scheduledTimeOf(job, fire);
  const scheduledTime = new Date(scheduledMs).toISOString();
  const runId = fire.message.manualRunId ?? scheduledTime;

  const lock = await deps.runs.acquire({
    jobId: job.jobId,
    runId,
    scheduledTime,
    trigger: fire.message.manualRunId ? 'manual' : 'schedule',
    leaseMs: fire.leaseMs,
    nowMs: deps.clock.nowMs(),
  });
  if (!lock.acquired) return { kind: 'duplicate', runId };

  const outcome = await deps.targets.call({
    target: job.target,
    payload: job.payload,
    idempotencyKey: `${job.jobId}/${runId}`,
    jobId: job.jobId,
    runId,
  });
  const status = outcome.ok ? 'SUCCEEDED' : 'FAILED';
  const { ok: _ok, ...recorded } = outcome;
  const finished = await deps.runs.finish({
    jobId: job.jobId,
    runId,
    leaseToken: lock.leaseToken,
    status,
    outcome: recorded,
    nowMs: deps.clock.nowMs(),
  });
  if (!finished) return { kind: 'lease_lost', runId };

  const nowMs = deps.clock.nowMs();
  // A manual run of a paused job leaves it without a next run, as pausing did.
  const nextMs =
    job.status === 'ACTIVE'
      ? nextFireAfter(
          parseSchedule(job.schedule),
          Date.parse(job.scheduleAnchorAt),
          Math.max(scheduledMs, nowMs),
        )
      : undefined;
  await deps.jobs.recordRunResult(job.jobId, {
    lastRunAt: scheduledTime,
    lastRunStatus: status,
    ...(nextMs === undefined ? {} : { nextRunAt: new Date(nextMs).toISOString() }),
    completed: nextMs === undefined && job.status === 'ACTIVE',
  });
  return { kind: 'ran', runId, status, ...(outcome.error ? { error: outcome.error } : {}) };
}
