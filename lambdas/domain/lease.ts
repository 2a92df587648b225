/**
 * The run lease, in one place: how long an executor may hold a run before another may take it over, and what
 * fits inside it. The chain, outermost first:
 *
 *   dispatch queue visibility (6 × executor timeout, lib/dispatch-queue.ts)
 *   ⊇ executor timeout (lib/executor.ts)
 *   ⊇ lease = remaining run time − LEASE_SAFETY_MS          ({@link leaseForRemainingTime})
 *   ⊇ target call = lease − CALL_SAFETY_MS                  ({@link targetCallBudgetMs})
 *   ⊇ one call's timeout = min(target's timeout, budget)    ({@link callTimeoutMs}; AWS targets: the budget)
 *
 * Never outlive the lease: past it another executor may take the run over and call the target again.
 */

/** What the dispatch queue's visibility timeout is, in executor timeouts (Lambda advises six for an SQS source). */
export const VISIBILITY_TIMEOUTS_PER_EXECUTOR_TIMEOUT = 6;

/** Milliseconds kept back from the Lambda's remaining time so a run is recorded before the Lambda's own deadline. */
export const LEASE_SAFETY_MS = 2_000;

/** Milliseconds kept back from the lease so the attempt is recorded while the lease still holds. */
export const CALL_SAFETY_MS = 1_000;

/** The shortest lease and call budget: a fire always gets a second to try. */
const MIN_MS = 1_000;

/** SQS keeps a message invisible for at most 12 hours from its receive: the longest single wait between attempts. */
export const SQS_MAX_VISIBILITY_SECONDS = 43_200;

/** The lease a fire takes, from the time its Lambda has left. */
export function leaseForRemainingTime(remainingMs: number): number {
  return Math.max(MIN_MS, remainingMs - LEASE_SAFETY_MS);
}

/** The longest a target call may take inside a lease of `leaseMs`. */
export function targetCallBudgetMs(leaseMs: number): number {
  return Math.max(MIN_MS, leaseMs - CALL_SAFETY_MS);
}

/** One call's timeout: the target's own, cut to the budget the lease leaves. */
export function callTimeoutMs(targetTimeoutSeconds: number, budgetMs: number): number {
  return Math.min(targetTimeoutSeconds * 1000, budgetMs);
}

/** Seconds until another holder's lease has ended (rounded up, plus one): when to come back for the run. */
export function secondsUntilLeaseEnds(leaseExpiresAtMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((leaseExpiresAtMs - nowMs) / 1000) + 1);
}
