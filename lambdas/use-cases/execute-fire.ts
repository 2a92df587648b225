import type { DomainError } from '../domain/errors.js';
import { type FireMessage, substitutedScheduledTimeMs } from '../domain/fire-message.js';
import { latestFireAtOrBefore, nextFireAfter } from '../domain/fire-times.js';
import type { Job } from '../domain/job.js';
import { secondsUntilLeaseEnds, targetCallBudgetMs } from '../domain/lease.js';
import { MetricDimension, MetricName } from '../domain/metrics.js';
import { DEFAULT_RETRY_POLICY, retryDelaySeconds } from '../domain/retry-policy.js';
import type { Run, RunOutcome } from '../domain/run.js';
import { slotWaitSeconds } from '../domain/run-slots.js';
import { parseSchedule } from '../domain/schedule.js';
import { awsTargetRefusal, type TargetPolicy } from '../domain/target-policy.js';
import type {
  AttemptResult,
  CallOutcome,
  Clock,
  JobRunResult,
  Metrics,
  RunEventPublisher,
  RunKey,
  RunResultRecorder,
  RunStore,
  TargetCaller,
  TenantRunSlots,
} from './ports.js';
import { takeRunSlot } from './run-slot.js';

export interface ExecuteFireDeps {
  readonly jobs: RunResultRecorder;
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

/** What became of a fire; {@link redeliveryOf} says what the queue does with its message then. */
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

/** What the dispatch queue does with a fire's message once the fire was handled. */
export type Redelivery =
  /** Done with: the message is deleted. */
  | { readonly kind: 'acknowledge' }
  /** The same message, visible again after `delaySeconds`: a retry that is due then, or another holder's lease end. */
  | { readonly kind: 'deliver_again'; readonly delaySeconds: number }
  /**
   * A new message, the original acknowledged: a fire kept waiting for its tenant's run slot, which however long
   * the tenant stays at its limit never reaches maxReceiveCount. It carries its scheduled time, which the
   * emulators' fires do not, and counts the waits.
   */
  | { readonly kind: 'send_again'; readonly message: FireMessage; readonly delaySeconds: number };

/** How the queue carries a fire on from what became of it. */
export function redeliveryOf(message: FireMessage, result: FireResult): Redelivery {
  switch (result.kind) {
    case 'retry':
    case 'in_progress':
      return { kind: 'deliver_again', delaySeconds: result.delaySeconds };
    case 'delayed':
      return {
        kind: 'send_again',
        message: { ...message, scheduledTime: result.scheduledTime, slotWaits: (message.slotWaits ?? 0) + 1 },
        delaySeconds: result.delaySeconds,
      };
    default:
      return { kind: 'acknowledge' };
  }
}

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

/**
 * Runs one fire with an exactly-once effect. A failed attempt with attempts left keeps the run locked until
 * its retry is due and asks for the message again then; the last attempt's failure, like a success, finishes
 * the run, updates the job and is announced on the event bus. Step by step, as a fire meets them:
 * decide the skip, take the tenant's run slot, take the run's lock, call within the lease, record the
 * attempt, finish the run.
 */
export async function executeFire(deps: ExecuteFireDeps, fire: Fire): Promise<FireResult> {
  const job = await deps.jobs.get(fire.message.jobId);
  if (!job) return closeRunsOfDeletedJob(deps, fire.message.jobId);
  if (job.tenant !== fire.message.tenant) return { kind: 'skipped', reason: 'job_not_found' };
  const run = runOfFire(job, fire, deps.clock.nowMs());
  const skip = await decideSkip(deps, run);
  if (skip) return recordSkippedFire(deps, run, skip);
  const slot = await takeRunSlot(deps.runSlots, { tenant: job.tenant, ...run.lease });
  if (!slot) return delayUntilSlotFree(deps, run);
  try {
    return await runUnderLock(deps, run);
  } finally {
    await slot.release();
  }
}

/** The locked part of a fire: take the run's lock, call within the lease, record the attempt, finish the run. */
async function runUnderLock(deps: ExecuteFireDeps, run: FireRun): Promise<FireResult> {
  const lock = await deps.runs.acquire({ ...run.key, ...run.lease });
  if (!lock.acquired) return lockHeldElsewhere(deps, run, lock.holder);
  const attempt = await callWithinLease(deps, run, lock);
  if (attempt.retriable) return recordRetry(deps, run, attempt);
  return finishRun(deps, run, attempt);
}

/** A fire once its job is known: which run it is, how it came, and when and for how long it is taken up. */
interface FireRun {
  readonly job: Job;
  readonly message: FireMessage;
  readonly key: RunKey;
  readonly scheduledMs: number;
  /** When the fire was taken up, and how long its executor may hold the run. */
  readonly lease: { readonly nowMs: number; readonly leaseMs: number };
}

function runOfFire(job: Job, fire: Fire, nowMs: number): FireRun {
  const { message } = fire;
  const scheduledMs = scheduledTimeOf(job, fire);
  const scheduledTime = new Date(scheduledMs).toISOString();
  const trigger = message.manualRunId ? 'manual' : message.catchUp ? 'catch_up' : 'schedule';
  const key = {
    jobId: job.jobId,
    runId: message.manualRunId ?? scheduledTime,
    scheduledTime,
    trigger,
  } as const;
  return { job, message, key, scheduledMs, lease: { nowMs, leaseMs: fire.leaseMs } };
}

/**
 * The job was deleted: a retry coming back for it closes the run it left waiting (the delete closes those
 * it sees; this catches a run started just as the job went). Only fires of deleted jobs pay this.
 */
async function closeRunsOfDeletedJob(deps: ExecuteFireDeps, jobId: string): Promise<FireResult> {
  await deps.runs.closeOpenRuns(jobId, JOB_DELETED, deps.clock.nowMs(), { leaseExpiredOnly: true });
  return { kind: 'skipped', reason: 'job_not_found' };
}

/** Decide the skip: why this fire of the tenant's own job must not run, if it must not. */
async function decideSkip(deps: ExecuteFireDeps, run: FireRun): Promise<SkipReason | undefined> {
  const { job, message, key } = run;
  if (message.manualRunId) return undefined; // an explicit request runs whatever the job's state
  // Paused and completed first: such a fire is recorded as SKIPPED even when the pause bumped the revision.
  if (job.status === 'PAUSED') return 'paused';
  if (job.status === 'COMPLETED') return 'completed';
  if (job.revision > message.revision) return 'stale_revision';
  if (job.overlap === 'forbid' && (await deps.runs.hasLiveRun(job.jobId, key.runId, run.lease.nowMs)))
    return 'overlap';
  return undefined;
}

/**
 * Records a skipped fire on its run and its job. A fire of a replaced schedule only closes a run it left
 * waiting (a retry); it never creates one, which could shadow the new schedule's own fire at the same time.
 */
async function recordSkippedFire(
  deps: ExecuteFireDeps,
  run: FireRun,
  reason: SkipReason,
): Promise<FireResult> {
  const stale = reason === 'stale_revision';
  const recorded = await deps.runs.recordSkip(
    { ...run.key, reason, nowMs: run.lease.nowMs },
    { onlyExisting: stale },
  );
  if (recorded) {
    deps.metrics.add(MetricName.RunsSkipped, 1, 'Count');
    await deps.jobs.countSkippedRun(run.job.jobId, { reason, at: new Date(run.lease.nowMs).toISOString() });
  }
  return { kind: 'skipped', reason, ...(stale ? {} : { runId: run.key.runId }) };
}

/** The tenant has all its runs in progress: the fire waits, with no attempt counted (the slot comes before the lock). */
function delayUntilSlotFree(deps: ExecuteFireDeps, run: FireRun): FireResult {
  deps.metrics.add(MetricName.RunsDelayed, 1, 'Count');
  const { runId, scheduledTime } = run.key;
  return { kind: 'delayed', runId, scheduledTime, delaySeconds: slotWaitSeconds(run.message.slotWaits ?? 0) };
}

/** Another delivery holds the run, or it is finished: never a second call. */
function lockHeldElsewhere(deps: ExecuteFireDeps, run: FireRun, holder: Run | undefined): FireResult {
  deps.metrics.add(MetricName.RunsDeduplicated, 1, 'Count');
  const { runId } = run.key;
  if (holder?.status === 'RUNNING' && holder.leaseExpiresAtMs !== undefined) {
    return {
      kind: 'in_progress',
      runId,
      delaySeconds: secondsUntilLeaseEnds(holder.leaseExpiresAtMs, run.lease.nowMs),
    };
  }
  return { kind: 'duplicate', runId };
}

/** One attempt, made (or refused) under the run's lock, as it will be recorded. */
interface Attempt {
  readonly number: number;
  readonly leaseToken: string;
  readonly startedAtMs: number;
  readonly finishedMs: number;
  readonly ok: boolean;
  readonly outcome: RunOutcome;
  /** Failed, can succeed on a retry (the target was not refused), and has attempts left. */
  readonly retriable: boolean;
  readonly retryAfterSeconds?: number;
}

/**
 * Call within the lease: the target once, unless the call is refused (the target is the service's own or
 * not on the tenant's allowlist) or the attempts are spent (the last one's executor died before recording it).
 */
async function callWithinLease(
  deps: ExecuteFireDeps,
  run: FireRun,
  lock: { leaseToken: string; attempt: number },
): Promise<Attempt> {
  const { job } = run;
  const policy = job.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const startedAtMs = deps.clock.nowMs();
  countAttemptStart(deps.metrics, run, lock.attempt, startedAtMs);
  const refusal = awsTargetRefusal(job.target, deps.targetPolicy, job.tenant);
  const spent = lock.attempt > policy.maxAttempts;
  const call = refusal ? refusedCall(refusal) : spent ? spentCall(lock.attempt) : await callTarget(deps, run);
  const { ok, retryAfterSeconds, ...outcome } = call;
  if (!refusal && !spent) {
    deps.metrics.add(MetricName.TargetLatency, outcome.durationMs, 'Milliseconds', {
      [MetricDimension.TargetKind]: job.target.type,
    });
  }
  return {
    number: lock.attempt,
    leaseToken: lock.leaseToken,
    startedAtMs,
    finishedMs: deps.clock.nowMs(),
    ok,
    outcome,
    retriable: !ok && !refusal && lock.attempt < policy.maxAttempts,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  };
}

function countAttemptStart(metrics: Metrics, run: FireRun, attempt: number, startedAtMs: number): void {
  if (attempt > 1) {
    metrics.add(MetricName.Retries, 1, 'Count');
    return;
  }
  metrics.add(MetricName.RunsStarted, 1, 'Count');
  if (run.key.trigger === 'schedule') {
    metrics.add(MetricName.FireLagSeconds, (startedAtMs - run.scheduledMs) / 1000, 'Seconds');
  }
}

function callTarget(deps: ExecuteFireDeps, run: FireRun): Promise<CallOutcome> {
  const { job, key } = run;
  return deps.targets.call({
    target: job.target,
    payload: job.payload,
    idempotencyKey: `${job.jobId}/${key.runId}`,
    tenant: job.tenant,
    jobId: job.jobId,
    runId: key.runId,
    maxDurationMs: targetCallBudgetMs(run.lease.leaseMs),
  });
}

/** The tenant reads this; it says what without saying how the deployment is configured. */
function refusedCall(refusal: DomainError): CallOutcome {
  return {
    ok: false,
    durationMs: 0,
    error:
      refusal.code === 'target_is_the_service'
        ? "target refused: it is one of the scheduler's own resources; nothing was called"
        : "target refused: not in this tenant's target allowlist; nothing was called",
  };
}

function spentCall(attempt: number): CallOutcome {
  return { ok: false, durationMs: 0, error: `no attempt left: attempt ${attempt - 1} did not finish` };
}

/** Tries to record an attempt (after the target was called) before giving up: a lost record means a second call. */
const RECORD_TRIES = 5;

/** Record the attempt, while the lock still holds; false when the lease was lost to another executor. */
async function recordAttempt(
  deps: ExecuteFireDeps,
  run: FireRun,
  attempt: Attempt,
  result: AttemptResult,
): Promise<boolean> {
  const request = {
    jobId: run.job.jobId,
    runId: run.key.runId,
    leaseToken: attempt.leaseToken,
    attempt: attempt.number,
    attemptStartedAtMs: attempt.startedAtMs,
    outcome: attempt.outcome,
    result,
    nowMs: attempt.finishedMs,
  };
  for (let tries = 1; ; tries++) {
    try {
      return await deps.runs.recordAttempt(request);
    } catch (error) {
      if (tries >= RECORD_TRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** tries));
    }
  }
}

/** A failed attempt with attempts left: the run stays locked until the retry is due. */
async function recordRetry(deps: ExecuteFireDeps, run: FireRun, attempt: Attempt): Promise<FireResult> {
  const policy = run.job.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const delaySeconds = retryDelaySeconds(policy, attempt.number, attempt.retryAfterSeconds);
  const retryAtMs = attempt.finishedMs + delaySeconds * 1000;
  const { runId } = run.key;
  if (!(await recordAttempt(deps, run, attempt, { status: 'RETRY', retryAtMs })))
    return { kind: 'lease_lost', runId };
  const { error } = attempt.outcome;
  return { kind: 'retry', runId, attempt: attempt.number, delaySeconds, ...(error ? { error } : {}) };
}

/** Finish the run: record its last attempt, then the result on the job, then announce it. */
async function finishRun(deps: ExecuteFireDeps, run: FireRun, attempt: Attempt): Promise<FireResult> {
  const status = attempt.ok ? 'SUCCEEDED' : 'FAILED';
  const { runId } = run.key;
  if (!(await recordAttempt(deps, run, attempt, { status }))) return { kind: 'lease_lost', runId };
  deps.metrics.add(attempt.ok ? MetricName.RunsSucceeded : MetricName.RunsFailed, 1, 'Count');
  await deps.jobs.recordRunResult(run.job.jobId, runResultOnJob(run, status, attempt.finishedMs));
  const { job, key } = run;
  await deps.events.publish({
    ...key,
    status,
    tenant: job.tenant,
    jobName: job.name,
    attempt: attempt.number,
    outcome: attempt.outcome,
  });
  const { error } = attempt.outcome;
  return { kind: 'ran', runId, status, attempt: attempt.number, ...(error ? { error } : {}) };
}

/**
 * What a finished run changes on its job. Completion is decided from the scheduled time (a late run must not
 * complete a job whose last fire is still queued); the next run shown is the first one still ahead. A paused
 * job keeps no next run.
 */
function runResultOnJob(run: FireRun, status: 'SUCCEEDED' | 'FAILED', finishedMs: number): JobRunResult {
  const { job, scheduledMs } = run;
  const schedule = parseSchedule(job.schedule);
  const anchorMs = Date.parse(job.scheduleAnchorAt);
  const afterThis = job.status === 'ACTIVE' ? nextFireAfter(schedule, anchorMs, scheduledMs) : undefined;
  const ahead =
    afterThis === undefined
      ? undefined
      : (nextFireAfter(schedule, anchorMs, Math.max(scheduledMs, finishedMs)) ?? afterThis);
  return {
    revision: job.revision,
    lastRunAt: run.key.scheduledTime,
    lastRunStatus: status,
    ...(ahead === undefined ? {} : { nextRunAt: new Date(ahead).toISOString() }),
    completed: afterThis === undefined && job.status === 'ACTIVE',
  };
}
