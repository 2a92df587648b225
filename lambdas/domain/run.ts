import type { RunStatus } from './job.js';

/** One call of the target within a run. */
export interface RunAttempt {
  readonly attempt: number;
  readonly startedAt: string;
  readonly outcome: RunOutcome;
}

/** One execution of a job for one fire: the idempotency lock and the history row in one item. */
export interface Run {
  readonly jobId: string;
  /** The scheduled time for a scheduled fire; `<request time>~<ULID>` for a manual one. */
  readonly runId: string;
  /** The scheduled time of the fire (for a manual fire, when it was asked for), ISO-8601 UTC. */
  readonly scheduledTime: string;
  /** `catch_up`: the reconciler's fire for a scheduled time that was missed. */
  readonly trigger: 'schedule' | 'manual' | 'catch_up';
  /** RUNNING until the last attempt is recorded (also while waiting for a retry). */
  readonly status: RunStatus;
  /** The attempt under way or last made, from 1. */
  readonly attempt: number;
  /** Epoch milliseconds after which another executor may take the lock over (or the retry is due). */
  readonly leaseExpiresAtMs?: number;
  readonly startedAt: string;
  readonly finishedAt?: string;
  /** The outcome of the last attempt. */
  readonly outcome?: RunOutcome;
  /** Every attempt made, oldest first. */
  readonly attempts?: readonly RunAttempt[];
  /** When the next attempt is due, while waiting for a retry. */
  readonly nextAttemptAt?: string;
  readonly skipReason?: string;
}

export interface RunOutcome {
  readonly statusCode?: number;
  readonly durationMs: number;
  readonly error?: string;
  /** The first bytes of the target's answer, for diagnosis. */
  readonly responseSnippet?: string;
}

/**
 * Whether a run lock can be taken given the run item already stored (if any). This is the same rule as the
 * DynamoDB condition the run store writes with: no item yet, or a RUNNING item whose lease has expired
 * (its holder died mid-run, or its retry is due).
 */
export function canTakeRunLock(
  existing: Pick<Run, 'status' | 'leaseExpiresAtMs'> | undefined,
  nowMs: number,
): boolean {
  if (!existing) return true;
  return existing.status === 'RUNNING' && (existing.leaseExpiresAtMs ?? 0) < nowMs;
}

/** DynamoDB TTL is in epoch *seconds*; every other time in a run item is milliseconds or ISO-8601. */
export function runExpiryEpochSeconds(nowMs: number, retentionDays: number): number {
  return Math.floor(nowMs / 1000) + retentionDays * 86_400;
}
