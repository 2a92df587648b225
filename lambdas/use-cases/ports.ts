import type { HttpTarget, Job, RunStatus } from '../domain/job.js';
import type { Run, RunOutcome } from '../domain/run.js';

/** Where jobs live: the source of truth. */
export interface JobStore {
  /** Stores a new job; fails if the id is taken. */
  create(job: Job): Promise<void>;
  /** The job with this id, whoever owns it. */
  get(jobId: string): Promise<Job | undefined>;
  /** Removes the job; returns false when there was none. */
  delete(jobId: string): Promise<boolean>;
  /** Records the result of a finished run on the job (last run, next run, completion). */
  recordRunResult(jobId: string, result: JobRunResult): Promise<void>;
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
}

export type LockAttempt =
  | { readonly acquired: true; readonly leaseToken: string }
  | { readonly acquired: false; readonly holder: Run | undefined };

/** Run items: the per-fire idempotency lock and the run history. */
export interface RunStore {
  /** Takes the lock for (jobId, scheduledTime): succeeds once per fire, or after the holder's lease expired. */
  acquire(request: {
    jobId: string;
    scheduledTime: string;
    leaseMs: number;
    nowMs: number;
  }): Promise<LockAttempt>;
  /** Finishes the run, only while `leaseToken` still holds the lock; returns false if it was lost. */
  finish(request: {
    jobId: string;
    scheduledTime: string;
    leaseToken: string;
    status: Extract<RunStatus, 'SUCCEEDED' | 'FAILED'>;
    outcome: RunOutcome;
    nowMs: number;
  }): Promise<boolean>;
  get(jobId: string, scheduledTime: string): Promise<Run | undefined>;
}

/** Calls an HTTP target once. Never throws for target failures: they are part of the outcome. */
export interface HttpTargetCaller {
  call(request: {
    target: HttpTarget;
    payload: unknown;
    idempotencyKey: string;
  }): Promise<RunOutcome & { ok: boolean }>;
}

export interface Clock {
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };
