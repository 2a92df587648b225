import type { FireMessage } from '../domain/fire-message.js';
import type { Job, JobStatus, RunStatus } from '../domain/job.js';
import type { Page, PageRequest } from '../domain/page.js';
import type { Run, RunOutcome } from '../domain/run.js';
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
}

/** Where jobs live: the source of truth. */
export interface JobStore {
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
  /** Records the result of a finished run on the job (last run, next run, completion). */
  recordRunResult(jobId: string, result: JobRunResult): Promise<void>;
}

export class IdempotencyKeyTakenError extends Error {
  override readonly name = 'IdempotencyKeyTakenError';
}

export interface JobRunResult {
  readonly lastRunAt: string;
  readonly lastRunStatus: RunStatus;
  readonly nextRunAt?: string;
  readonly completed: boolean;
}

/** The EventBridge Scheduler side: one schedule per job, firing into the dispatch queue. */
export interface ScheduleRegistry {
  create(spec: ScheduleSpec): Promise<void>;
  /** Replaces the job's schedule with `spec` (expression, window, state, fire message). */
  update(spec: ScheduleSpec): Promise<void>;
  /** Deletes the job's schedule; a schedule already gone is not an error. */
  delete(jobId: string): Promise<void>;
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
  | { readonly acquired: true; readonly leaseToken: string }
  | { readonly acquired: false; readonly holder: Run | undefined };

/** Run items: the per-fire idempotency lock and the run history. */
export interface RunStore {
  /** Takes the lock for (jobId, runId): succeeds once per fire, or after the holder's lease expired. */
  acquire(request: {
    jobId: string;
    runId: string;
    scheduledTime: string;
    trigger: Run['trigger'];
    leaseMs: number;
    nowMs: number;
  }): Promise<LockAttempt>;
  /** Finishes the run, only while `leaseToken` still holds the lock; returns false if it was lost. */
  finish(request: {
    jobId: string;
    runId: string;
    leaseToken: string;
    status: Extract<RunStatus, 'SUCCEEDED' | 'FAILED'>;
    outcome: RunOutcome;
    nowMs: number;
  }): Promise<boolean>;
  get(jobId: string, runId: string): Promise<Run | undefined>;
  /** A job's runs, newest first. */
  list(jobId: string, page: PageRequest): Promise<Page<Run>>;
}

/** The result of calling a target once. Target failures are results, never exceptions. */
export type CallOutcome = RunOutcome & { readonly ok: boolean };

/** Calls a job's target once. */
export interface TargetCaller {
  call(request: {
    target: Target;
    payload: unknown;
    idempotencyKey: string;
    jobId: string;
    runId: string;
  }): Promise<CallOutcome>;
}

/** The deployment's health checks: each dependency reachable or not. */
export interface HealthProbe {
  check(): Promise<Record<string, { ok: boolean; detail?: string }>>;
}

export interface Clock {
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };
