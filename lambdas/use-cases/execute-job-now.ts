import { DependencyFailedError, JobCompletedError } from '../domain/errors.js';
import { getJob } from './get-job.js';
import type { Clock, DispatchQueue, JobRepository, RateLimiter } from './ports.js';
import { enforceRateLimit } from './rate-limit.js';

export interface ManualExecution {
  readonly jobId: string;
  readonly runId: string;
  readonly scheduledTime: string;
  readonly trigger: 'manual';
}

/**
 * Sends a manual fire of the caller's job to the dispatch queue at once. It is its own run (id
 * `<time>~<ULID>`), runs even while the job is paused, and does not move the job's schedule.
 */
export async function executeJobNow(
  deps: {
    readonly jobs: JobRepository;
    readonly dispatch: DispatchQueue;
    readonly clock: Clock;
    readonly newJobId: () => string;
    readonly rateLimiter: RateLimiter;
  },
  tenant: string,
  jobId: string,
): Promise<ManualExecution> {
  const job = await getJob(deps, tenant, jobId);
  if (job.status === 'COMPLETED') throw new JobCompletedError(jobId);
  await enforceRateLimit(deps, tenant, 'execute');
  const scheduledTime = new Date(deps.clock.nowMs()).toISOString();
  const runId = `${scheduledTime}~${deps.newJobId()}`;
  try {
    await deps.dispatch.send({
      jobId: job.jobId,
      tenant,
      revision: job.revision,
      scheduledTime,
      manualRunId: runId,
    });
  } catch (error) {
    throw new DependencyFailedError(
      `The fire could not be queued (${(error as Error).name}); retry the request.`,
    );
  }
  return { jobId: job.jobId, runId, scheduledTime, trigger: 'manual' };
}
