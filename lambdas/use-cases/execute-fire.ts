import { type FireMessage, substitutedScheduledTimeMs } from '../domain/fire-message.js';
import { latestFireAtOrBefore, nextFireAfter } from '../domain/fire-times.js';
import type { Job } from '../domain/job.js';
import { MetricName } from '../domain/metrics.js';
import { DEFAULT_RETRY_POLICY, retryDelaySeconds } from '../domain/retry-policy.js';
import type { Run, RunOutcome } from '../domain/run.js';
import { slotWaitSeconds } from '../domain/run-slots.js';
import { parseSchedule } from '../domain/schedule.js';
import { awsTargetRefusal, type TargetPolicy } from '../domain/target-policy.js';
import type {
  Clock,
  JobStore,
  Metrics,
  RunEventPublisher,
  RunStore,
  TargetCaller,
  TenantRunSlots,
} from './ports.js';
import { takeRunSlot } from './run-slot.js';

export interface ExecuteFireDeps {
  readonly jobs: JobStore;
  readonly runs: RunStore;
  readonly targets: TargetCaller;
  /** Checked again before every call: allowlists change after jobs are created. */
  readonly targetPolicy: TargetPolicy;
  readonly events: RunEventPublisher;
  readonly clock: Clock;
  readonly metrics: Metrics;
  /** Per-tenant slots for runs in progress; absent, a tenant may have any number of runs at once. */
  readonly runSlots?: TenantRunSlots;
}

export interface Fire {
  readonly message: FireMessage;
  /** When the message was first put on the queue (SQS SentTimestamp): stable across redeliveries. */
  readonly sentAtMs: number;
  /** How long this executor may hold the run lock before another may take over: its remaining run time. */
  readonly leaseMs: number;
}

export type SkipReason = 'job_not_found' | 'stale_revision' | 'paused' | 'completed' | 'overlap';

/** Why a run was closed without being finished: its job was deleted while it waited for a retry. */
export const JOB_DELETED = 'job_deleted';

/** What became of a fire; the batch handler turns it into "acknowledge" or "deliver again in N seconds". */
export type FireResult =
  | {
      readonly kind: 'ran';
      readonly runId: string;
      readonly status: 'SUCCEEDED' | 'FAILED';
      readonly attempt: number;
      readonly error?: string;
    }
  | {
      readonly kind: 'retry';
      readonly runId: string;
      readonly attempt: number;
      readonly delaySeconds: number;
      readonly error?: string;
    }
  /** Another delivery holds the run: come back when its lease ends, to finish the run if that one dies. */
  | { readonly kind: 'in_progress'; readonly runId: string; readonly delaySeconds: number }
  /**
   * The tenant has its limit of runs in progress: no attempt was made or counted. Send the fire again with its
   * scheduled time (the emulators' fires carry none) after `delaySeconds`.
   */
  | {
      readonly kind: 'delayed';
      readonly runId: string;
      readonly scheduledTime: string;
      readonly delaySeconds: number;
    }
  | { readonly kind: 'duplicate'; readonly runId: string }
  | { readonly kind: 'lease_lost'; readonly runId: string }
  | { readonly kind: 'skipped'; readonly reason: SkipReason; readonly runId?: string };

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

function skipReason(job: Job | undefined, message: FireMessage): SkipReason | undefined {
  if (!job || job.tenant !== message.tenant) return 'job_not_found';
  if (message.manualRunId) return undefined; // an explicit request runs whatever the job's state
  // Paused and completed first: such a fire is recorded as SKIPPED even when the pause bumped the revision.
  if (job.status === 'PAUSED') return 'paused';
  if (job.status === 'COMPLETED') return 'completed';
  if (job.revision > message.revision) return 'stale_revision';
  return undefined;
}

/** Tries to record an attempt (after the target was called) before giving up: a lost record means a second call. */
const RECORD_TRIES = 5;

async function recordAttempt(
  deps: ExecuteFireDeps,
  request: Parameters<RunStore['recordAttempt']>[0],
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.runs.recordAttempt(request);
    } catch (error) {
      if (attempt >= RECORD_TRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  }
}

/**
 * Runs one fire with an exactly-once effect: lock on (job, run id), call the target, record the attempt.
 * A failed attempt with attempts left keeps the run locked until its retry is due and asks for the message
 * again then; the last attempt's failure, like a success, finishes the run, updates the job and is
 * announced on the event bus.
 */
export async function executeFire(deps: ExecuteFireDeps, fire: Fire): Promise<FireResult> {
  const { message } = fire;
  const job = await deps.jobs.get(message.jobId);
  const reason = skipReason(job, message);
  if (!job) {
    // The job was deleted: a retry coming back for it closes the run it left waiting (the delete closes
    // those it sees; this catches a run started just as the job went). Only fires of deleted jobs pay this.
    await deps.runs.closeOpenRuns(message.jobId, JOB_DELETED, deps.clock.nowMs(), { leaseExpiredOnly: true });
    return { kind: 'skipped', reason: 'job_not_found' };
  }
  if (reason === 'job_not_found') return { kind: 'skipped', reason: 'job_not_found' };
  const scheduledMs = scheduledTimeOf(job, fire);
  const scheduledTime = new Date(scheduledMs).toISOString();
  const runId = message.manualRunId ?? scheduledTime;
  const trigger = message.manualRunId ? 'manual' : message.catchUp ? 'catch_up' : 'schedule';
  const nowMs = deps.clock.nowMs();

  const overlapping =
    !reason &&
    job.overlap === 'forbid' &&
    !message.manualRunId &&
    (await deps.runs.hasLiveRun(job.jobId, runId, nowMs));
  const skip = reason ?? (overlapping ? 'overlap' : undefined);
  if (skip) {
    // A fire of a replaced schedule only closes a run it left waiting (a retry); it never creates one, which
    // could shadow the new schedule's own fire at the same time.
    const recorded = await deps.runs.recordSkip(
      { jobId: job.jobId, runId, scheduledTime, trigger, reason: skip, nowMs },
      { onlyExisting: skip === 'stale_revision' },
    );
    if (recorded) {
      deps.metrics.add(MetricName.RunsSkipped, 1, 'Count');
      await deps.jobs.countSkippedRun(job.jobId, { reason: skip, at: new Date(nowMs).toISOString() });
    }
    return { kind: 'skipped', reason: skip, ...(skip === 'stale_revision' ? {} : { runId }) };
  }

  // The tenant's slot before the run's lock, so that a fire kept waiting has no attempt counted.
  const slot = await takeRunSlot(deps.runSlots, { tenant: job.tenant, leaseMs: fire.leaseMs, nowMs });
  if (!slot) {
    deps.metrics.add(MetricName.RunsDelayed, 1, 'Count');
    return { kind: 'delayed', runId, scheduledTime, delaySeconds: slotWaitSeconds(message.slotWaits ?? 0) };
  }
  try {
    return await runAttempt(deps, fire, job, { runId, scheduledTime, scheduledMs, trigger, nowMs });
  } finally {
    await slot.release();
  }
}

/** The locked part of a fire: take the run's lock, call the target, record the attempt, finish the run. */
async function runAttempt(
  deps: ExecuteFireDeps,
  fire: Fire,
  job: Job,
  context: {
    runId: string;
    scheduledTime: string;
    scheduledMs: number;
    trigger: Run['trigger'];
    nowMs: number;
  },
): Promise<FireResult> {
  const { runId, scheduledTime, scheduledMs, trigger, nowMs } = context;
  const lock = await deps.runs.acquire({
    jobId: job.jobId,
    runId,
    scheduledTime,
    trigger,
    leaseMs: fire.leaseMs,
    nowMs,
  });
  if (!lock.acquired) {
    deps.metrics.add(MetricName.RunsDeduplicated, 1, 'Count');
    const holder = lock.holder;
    if (holder?.status === 'RUNNING' && holder.leaseExpiresAtMs !== undefined) {
      return {
        kind: 'in_progress',
        runId,
        delaySeconds: Math.max(1, Math.ceil((holder.leaseExpiresAtMs - nowMs) / 1000) + 1),
      };
    }
    return { kind: 'duplicate', runId };
  }

  const policy = job.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const attemptStartedAtMs = deps.clock.nowMs();
  if (lock.attempt === 1) {
    deps.metrics.add(MetricName.RunsStarted, 1, 'Count');
    if (trigger === 'schedule')
      deps.metrics.add(MetricName.FireLagSeconds, (attemptStartedAtMs - scheduledMs) / 1000, 'Seconds');
  } else {
    deps.metrics.add(MetricName.Retries, 1, 'Count');
  }
  let outcome: RunOutcome & { ok: boolean; retryAfterSeconds?: number };
  // Whether a failed attempt can never succeed on retry: the target may not be called at all.
  let refused = false;
  const refusal = awsTargetRefusal(job.target, deps.targetPolicy, job.tenant);
  if (refusal) {
    refused = true;
    // The tenant reads this; it says what without saying how the deployment is configured.
    outcome = {
      ok: false,
      durationMs: 0,
      error:
        refusal.code === 'target_is_the_service'
          ? "target refused: it is one of the scheduler's own resources; nothing was called"
          : "target refused: not in this tenant's target allowlist; nothing was called",
    };
  } else if (lock.attempt > policy.maxAttempts) {
    // The executor of the last attempt died before recording it: the attempts are spent.
    outcome = {
      ok: false,
      durationMs: 0,
      error: `no attempt left: attempt ${lock.attempt - 1} did not finish`,
    };
  } else {
    outcome = await deps.targets.call({
      target: job.target,
      payload: job.payload,
      idempotencyKey: `${job.jobId}/${runId}`,
      tenant: job.tenant,
      jobId: job.jobId,
      runId,
      // Never outlive the lease: past it another executor may take the run over.
      maxDurationMs: Math.max(1_000, fire.leaseMs - 1_000),
    });
  }
  const { ok, retryAfterSeconds, ...recorded } = outcome;
  if (lock.attempt <= policy.maxAttempts && !refused) {
    deps.metrics.add(MetricName.TargetLatency, recorded.durationMs, 'Milliseconds', {
      TargetKind: job.target.type,
    });
  }
  const attempt = lock.attempt;
  const finishedMs = deps.clock.nowMs();

  if (!ok && !refused && attempt < policy.maxAttempts) {
    const delaySeconds = retryDelaySeconds(policy, attempt, retryAfterSeconds);
    const kept = await recordAttempt(deps, {
      jobId: job.jobId,
      runId,
      leaseToken: lock.leaseToken,
      attempt,
      attemptStartedAtMs,
      outcome: recorded,
      result: { status: 'RETRY', retryAtMs: finishedMs + delaySeconds * 1000 },
      nowMs: finishedMs,
    });
    if (!kept) return { kind: 'lease_lost', runId };
    return {
      kind: 'retry',
      runId,
      attempt,
      delaySeconds,
      ...(recorded.error ? { error: recorded.error } : {}),
    };
  }

  const status = ok ? 'SUCCEEDED' : 'FAILED';
  const kept = await recordAttempt(deps, {
    jobId: job.jobId,
    runId,
    leaseToken: lock.leaseToken,
    attempt,
    attemptStartedAtMs,
    outcome: recorded,
    result: { status },
    nowMs: finishedMs,
  });
  if (!kept) return { kind: 'lease_lost', runId };
  deps.metrics.add(ok ? MetricName.RunsSucceeded : MetricName.RunsFailed, 1, 'Count');

  // Completion is decided from the scheduled time (a late run must not complete a job whose last fire is
  // still queued); the next run shown is the first one still ahead. A paused job keeps no next run.
  const parsed = parseSchedule(job.schedule);
  const anchorMs = Date.parse(job.scheduleAnchorAt);
  const afterThis = job.status === 'ACTIVE' ? nextFireAfter(parsed, anchorMs, scheduledMs) : undefined;
  const ahead =
    afterThis === undefined
      ? undefined
      : (nextFireAfter(parsed, anchorMs, Math.max(scheduledMs, finishedMs)) ?? afterThis);
  const nextMs = ahead;
  await deps.jobs.recordRunResult(job.jobId, {
    revision: job.revision,
    lastRunAt: scheduledTime,
    lastRunStatus: status,
    ...(nextMs === undefined ? {} : { nextRunAt: new Date(nextMs).toISOString() }),
    completed: afterThis === undefined && job.status === 'ACTIVE',
  });
  await deps.events.publish({
    status,
    jobId: job.jobId,
    tenant: job.tenant,
    jobName: job.name,
    runId,
    scheduledTime,
    trigger,
    attempt,
    outcome: recorded,
  });
  return { kind: 'ran', runId, status, attempt, ...(recorded.error ? { error: recorded.error } : {}) };
}
