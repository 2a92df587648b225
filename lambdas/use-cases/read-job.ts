import { type Firing, firingOf } from '../domain/firing.js';
import type { Job } from '../domain/job.js';
import { getJob } from './get-job.js';
import type { Clock, JobRepository, RunStore } from './ports.js';

/**
 * GET of one job: the job and its firing state. When a fire is overdue (due, no finished run moved the next
 * run on), its run is read — one item — to say whether it is running, retrying, or left to the reconciler.
 */
export async function readJob(
  deps: { readonly jobs: JobRepository; readonly runs: RunStore; readonly clock: Clock },
  tenant: string,
  jobId: string,
): Promise<{ job: Job; firing: Firing }> {
  const job = await getJob(deps, tenant, jobId);
  const nowMs = deps.clock.nowMs();
  const due =
    job.status === 'ACTIVE' && job.nextRunAt && Date.parse(job.nextRunAt) < nowMs ? job.nextRunAt : undefined;
  const run = due ? await deps.runs.get(job.jobId, due) : undefined;
  return { job, firing: firingOf(job, nowMs, due ? { ...(run ? { run } : {}) } : undefined) };
}
