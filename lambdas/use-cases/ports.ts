import type { DeadFire, QuarantineReason } from '../domain/dead-fire.js';
import type { FireMessage } from '../domain/fire-message.js';
import type { Job, JobStatus, RunStatus } from '../domain/job.js';
import type { MetricName, MetricUnit } from '../domain/metrics.js';
import type { Page, PageRequest } from '../domain/page.js';
import type { RateLimit, RateLimitedOperation } from '../domain/rate-limit.js';
import type { Run, RunOutcome } from '../domain/run.js';
import type { SigningGenerations } from '../domain/signing-rotation.js';
import type { Target } from '../domain/target.js';

/** A stored Idempotency-Key of POST /api/jobs: the body it came with and the job it made. */
export interface IdempotencyRecord {
  readonly key: string;
  readonly bodyHash: string;
  readonly jobId: string;
}

export interface JobFilter {
  readonly status?: JobStatus;
  readonly namePrefix?: string;
  /** Jobs whose latest finished run ended so: `FAILED` lists what is failing across the tenant's jobs. */
  readonly lastRunStatus?: 'SUCCEEDED' | 'FAILED';
}

/** The API's jobs: what creating, reading, changing and deleting a job takes. */
export interface JobRepository {
  /**
   * Stores a new job, counting it against the tenant's quota and recording its Idempotency-Key, all or
   * nothing. Throws QuotaExceededError, or IdempotencyKeyTakenError when the key is already recorded.
   */
  create(
    job: Job,
    options: { quota: number; idempotency?: IdempotencyRecord & { expiresAtMs: number } },
  ): Promise<void>;
  /** The job with this id, whoever owns it. */
  get(jobId: string): Promise<Job | undefined>;
  /** A tenant's jobs, newest first. */
  list(tenant: string, filter: JobFilter, page: PageRequest): Promise<Page<Job>>;
  /** Replaces the job if it is still at `expectedRevision`; returns false otherwise. */
  replace(job: Job, expectedRevision: number): Promise<boolean>;
  /**
   * Removes the job and releases its quota slot (and its Idempotency-Key, if given), if it is still at
   * `expectedRevision`; returns false when it was not.
   */
  delete(
    job: Pick<Job, 'jobId' | 'tenant'>,
    expectedRevision: number,
    idempotencyKey?: string,
  ): Promise<boolean>;
  /** The stored Idempotency-Key record, if any. */
  getIdempotencyRecord(tenant: string, key: string): Promise<IdempotencyRecord | undefined>;
}

/** The executor's jobs: it reads the fired job and records on it what became of the fire. */
export interface RunResultRecorder {
  /** The job with this id, whoever owns it. */
  get(jobId: string): Promise<Job | undefined>;
  /** Records the result of a finished run on the job (last run, next run, completion, run counters). */
  recordRunResult(jobId: string, result: JobRunResult): Promise<void>;
  /** Counts a skipped fire on the job, and records why and when as its last skip (same write). */
  countSkippedRun(jobId: string, skip?: { reason: string; at: string }): Promise<void>;
}

/**
 * Where jobs live: the source of truth. The adapter's type: the API's and the executor's roles, and below the
 * reconciler's walk.
 */
export interface JobStore extends JobRepository, RunResultRecorder {
  /** Every tenant's jobs, one page at a time (the reconciler's walk; never on a request or fire path). */
  scan(page: PageRequest): Promise<Page<Job>>;
  /** The jobs with these ids that exist (at most 100 ids). */
  getMany(jobIds: readonly string[]): Promise<Map<string, Job>>;
  /** Moves the job's next run, if the job is still at `revision`. */
  setNextRunAt(jobId: string, revision: number, nextRunAt: string | undefined): Promise<void>;
}

export class IdempotencyKeyTakenError extends Error {
  override readonly name = 'IdempotencyKeyTakenError';
}

export interface JobRunResult {
  /** The job revision the run was made for; a job changed since keeps its own next run and status. */
  readonly revision: number;
  readonly lastRunAt: string;
  readonly lastRunStatus: Extract<RunStatus, 'SUCCEEDED' | 'FAILED'>;
  readonly nextRunAt?: string;
  readonly completed: boolean;
}

/** The job's schedule does not exist (an update found nothing to update). */
export class ScheduleNotFoundError extends Error {
  override readonly name = 'ScheduleNotFoundError';
}

/** Scheduler refused the schedule itself: the request's fault, never right on a retry. `reason` names no ARN. */
export class ScheduleRefusedError extends Error {
  override readonly name = 'ScheduleRefusedError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The EventBridge Scheduler side: one schedule per job, firing into the dispatch queue. */
export interface ScheduleRegistry {
  /** Creates the job's schedule; throws ScheduleRefusedError when Scheduler refuses it. */
  create(spec: ScheduleSpec): Promise<void>;
  /**
   * Replaces the job's schedule with `spec` (expression, window, state, fire message); throws
   * ScheduleNotFoundError when it has none, ScheduleRefusedError when Scheduler refuses it.
   */
  update(spec: ScheduleSpec): Promise<void>;
  /** Deletes the job's schedule; a schedule already gone is not an error. */
  delete(jobId: string): Promise<void>;
  /** What is registered for the job, or undefined when it has no schedule. */
  describe(jobId: string): Promise<RegisteredSchedule | undefined>;
  /**
   * The names (job ids) of the schedules in the group (those starting with `prefix`), one page at a time.
   * `mayHaveMore` says a last page may have been cut short (ask again with a longer prefix).
   */
  listNames(
    pageToken?: string,
    prefix?: string,
  ): Promise<{ names: string[]; nextToken?: string; mayHaveMore?: boolean }>;
}

/**
 * Jobs whose schedule write failed or was left unsure (a compensation that failed, a timeout): marked at the
 * time, so the reconciler repairs them first instead of finding them on a slow pass.
 */
export interface RepairMarks {
  mark(jobId: string, reason: string): Promise<void>;
}

/** A schedule as EventBridge Scheduler holds it, in the terms the reconciler compares. */
export interface RegisteredSchedule {
  readonly expression: string;
  readonly timezone: string;
  readonly enabled: boolean;
  /** The job revision in the schedule's fire message, if it could be read. */
  readonly revision?: number;
  readonly startAt?: string;
  readonly endAt?: string;
}

export interface ScheduleSpec {
  readonly jobId: string;
  readonly tenant: string;
  readonly revision: number;
  readonly expression: string;
  readonly timezone: string;
  readonly oneTime: boolean;
  readonly enabled: boolean;
  readonly startAt?: string;
  readonly endAt?: string;
}

/** The dispatch queue, for fires the API sends itself (manual executions). */
export interface DispatchQueue {
  send(message: FireMessage): Promise<void>;
}

export type LockAttempt =
  | { readonly acquired: true; readonly leaseToken: string; readonly attempt: number }
  | { readonly acquired: false; readonly holder: Run | undefined };

/** How an attempt ended, as the run records it. */
export type AttemptResult =
  | { readonly status: 'SUCCEEDED' | 'FAILED' }
  /** Failed, with another attempt due at `retryAtMs`: the run stays RUNNING and locked until then. */
  | { readonly status: 'RETRY'; readonly retryAtMs: number };

/** Which run of a job, and how it came: the key of a run item and what every new one records. */
export interface RunKey {
  readonly jobId: string;
  /** The scheduled time of a scheduled fire; a manual execution's own id. */
  readonly runId: string;
  readonly scheduledTime: string;
  readonly trigger: Run['trigger'];
}

/** Take the run's lock for `leaseMs` from `nowMs`. */
export interface AcquireRunRequest extends RunKey {
  readonly leaseMs: number;
  readonly nowMs: number;
}

/** Record how an attempt ended, under the lock taken with `leaseToken`. */
export interface RecordAttemptRequest {
  readonly jobId: string;
  readonly runId: string;
  readonly leaseToken: string;
  readonly attempt: number;
  readonly attemptStartedAtMs: number;
  readonly outcome: RunOutcome;
  readonly result: AttemptResult;
  readonly nowMs: number;
}

/** Record a fire that was skipped, and why. */
export interface RecordSkipRequest extends RunKey {
  readonly reason: string;
  readonly nowMs: number;
}

/** Run items: the per-fire idempotency lock and the run history. */
export interface RunStore {
  /**
   * Takes the lock for (jobId, runId) and counts an attempt: succeeds once per fire, or again after the
   * holder's lease expired (it died, or its retry is due).
   */
  acquire(request: AcquireRunRequest): Promise<LockAttempt>;
  /** Records an attempt's outcome, only while `leaseToken` still holds the lock; false if it was lost. */
  recordAttempt(request: RecordAttemptRequest): Promise<boolean>;
  /**
   * Records a fire that was skipped: a new SKIPPED run, or — when a RUNNING run of it is left waiting (its
   * retry came after the job changed) — that run closed as SKIPPED. With `onlyExisting` it never creates one.
   * Returns whether anything was written.
   */
  recordSkip(request: RecordSkipRequest, options?: { onlyExisting?: boolean }): Promise<boolean>;
  /**
   * Closes the job's RUNNING runs as SKIPPED with `reason` (all of them, or with `leaseExpiredOnly` those whose
   * lease or retry time has passed), for a job that is gone. Reads a bounded number of the newest runs (1,000;
   * 100 with `leaseExpiredOnly`, the path of a fire coming back for a deleted job). Returns how many were closed.
   */
  closeOpenRuns(
    jobId: string,
    reason: string,
    nowMs: number,
    options?: { leaseExpiredOnly?: boolean },
  ): Promise<number>;
  /** Whether another run of the job is RUNNING with a live lease (for the `forbid` overlap policy). */
  hasLiveRun(jobId: string, exceptRunId: string, nowMs: number): Promise<boolean>;
  get(jobId: string, runId: string): Promise<Run | undefined>;
  /** A job's runs, newest first. */
  list(jobId: string, page: PageRequest): Promise<Page<Run>>;
}

/** A finished run, as announced on the service's event bus. */
export interface RunEvent {
  readonly status: 'SUCCEEDED' | 'FAILED';
  readonly jobId: string;
  readonly tenant: string;
  readonly jobName: string;
  readonly runId: string;
  readonly scheduledTime: string;
  readonly trigger: Run['trigger'];
  readonly attempt: number;
  readonly outcome: RunOutcome;
}

/** Announces finished runs (`Job Run Succeeded` / `Job Run Failed`). */
export interface RunEventPublisher {
  publish(event: RunEvent): Promise<void>;
}

/** The result of calling a target once. Target failures are results, never exceptions. */
export type CallOutcome = RunOutcome & {
  readonly ok: boolean;
  /** What the target asked for in Retry-After, in seconds. */
  readonly retryAfterSeconds?: number;
};

/** One call of a job's target. */
export interface TargetCallRequest {
  readonly target: Target;
  readonly payload: unknown;
  readonly idempotencyKey: string;
  /** The job's tenant: webhooks are signed with its own secret; a failed call's log line names it. */
  readonly tenant: string;
  readonly jobId: string;
  readonly runId: string;
  /** The longest the call may take, whatever the target's own timeout. */
  readonly maxDurationMs?: number;
}

/** Calls a job's target once. */
export interface TargetCaller {
  call(request: TargetCallRequest): Promise<CallOutcome>;
}

/** Each tenant's signing-secret generations (never secret material; the secrets are derived). */
export interface SigningGenerationStore {
  /** The tenant's generations; generation 1 and no rotation when nothing is stored. */
  get(tenant: string): Promise<SigningGenerations>;
  /** Stores `state` if the stored version is still `state.version` (bumping it); false if it is not. */
  save(tenant: string, state: SigningGenerations): Promise<boolean>;
}

/** The stack's master key, from which every tenant's signing secrets are derived. */
export type SigningMasterKey = () => Promise<string>;

/** The deployment's health checks: each dependency reachable or not. */
export interface HealthProbe {
  check(): Promise<Record<string, { ok: boolean; detail?: string }>>;
}

export interface Clock {
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

/** Where the service's metrics go (CloudWatch, as EMF log lines). */
export interface Metrics {
  add(name: MetricName, value: number, unit: MetricUnit, dimensions?: Readonly<Record<string, string>>): void;
}

/** Metrics that go nowhere: for code paths and tests that do not look at them. */
export const noMetrics: Metrics = { add: () => undefined };

/** Dead fires, filed per tenant: each tenant reads and moves only its own. */
export interface DeadFireStore {
  /** Files a dead fire once; false when this dead letter was filed already (a redelivery). */
  file(deadFire: DeadFire): Promise<boolean>;
  /** The tenant's dead fires, newest first. */
  list(tenant: string, page: PageRequest): Promise<Page<DeadFire>>;
  /** The tenant's oldest dead fires, at most `limit`. */
  oldest(tenant: string, limit: number): Promise<DeadFire[]>;
  /** The tenant's dead fire with this id, if it has one. */
  get(tenant: string, id: string): Promise<DeadFire | undefined>;
  /** Removes the tenant's dead fire; a dead fire already gone is not an error. */
  remove(tenant: string, id: string): Promise<void>;
}

/** A dead letter the sorter could not file under a tenant, for operators only. */
export interface QuarantinedLetter {
  readonly messageId: string;
  readonly body: string;
  readonly reason: QuarantineReason;
  /** What was wrong, for the operator (never shown to a tenant). */
  readonly detail: string;
  /** The reason the dead-lettering service gave, if any. */
  readonly deadLetterReason?: string;
}

/** The operators' quarantine queue. */
export interface QuarantineQueue {
  send(letter: QuarantinedLetter): Promise<void>;
}

/** What a rate limiter answered: counted, or refused until the current window ends. */
export type RateDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly limit: RateLimit; readonly retryAfterSeconds: number };

/** Per-tenant request counters behind the API's rate limits (each limiter knows its limits). */
export interface RateLimiter {
  /**
   * Counts one request of `operation` for the tenant if it is under its limit in the current window;
   * otherwise counts nothing and says when the window ends.
   */
  take(tenant: string, operation: RateLimitedOperation, nowMs: number): Promise<RateDecision>;
}

/** A limiter that allows everything: for code paths and tests that do not look at rates. */
export const noRateLimits: RateLimiter = { take: async () => ({ allowed: true }) };

/** Take one of the tenant's run slots until `leaseUntilMs`. */
export interface RunSlotRequest {
  readonly tenant: string;
  readonly leaseUntilMs: number;
  readonly nowMs: number;
}

/** Each tenant's slots for runs in progress: how one tenant is kept from taking every executor. */
export interface TenantRunSlots {
  /**
   * Takes one of the tenant's slots until `leaseUntilMs` (it frees itself then if never released, as when
   * the executor dies) and returns its token, or undefined when the tenant holds all of its slots.
   */
  acquire(request: RunSlotRequest): Promise<string | undefined>;
  release(tenant: string, token: string): Promise<void>;
}
