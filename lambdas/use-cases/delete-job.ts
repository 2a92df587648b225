import { DependencyFailedError } from '../domain/errors.js';
import { getJob } from './get-job.js';
import type { JobStore, ScheduleRegistry } from './ports.js';

/**
 * Deletes the caller's job: the schedule first, so no new fire is produced, then the job. A fire already
 * queued finds no job and is dropped by the executor.
 */
export async function deleteJob(
  deps: { readonly jobs: JobStore; readonly schedules: ScheduleRegistry },
  tenant: string,
  jobId: string,
): Promise<void> {
  const job = await getJob(deps, tenant, jobId);
  try {
    await deps.schedules.delete(job.jobId);
  } catch (error) {
    throw new DependencyFailedError(
      `The schedule could not be deleted (${(error as Error).name}); the job is unchanged. Retry the request.`,
    );
  }
  await deps.jobs.delete(job.jobId);
}
