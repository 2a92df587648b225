import type { AcquireRunRequest } from '../../lambdas/use-cases/ports.js';

/**
 * A request to take the run lock of a job's scheduled fire (its run id is its scheduled time): what every
 * lock test spells out but the lease and the time it is taken at.
 */
export function scheduledRunLock(
  jobId: string,
  scheduledTime: string,
  at: { leaseMs: number; nowMs: number },
): AcquireRunRequest {
  return { jobId, runId: scheduledTime, trigger: 'schedule', scheduledTime, ...at };
}
