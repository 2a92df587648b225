import { JobNotFoundError, RevisionMismatchError } from '../domain/errors.js';
import type { Job } from '../domain/job.js';
import { assertJobId } from '../domain/job-id.js';
import type { JobRepository } from './ports.js';

/** The caller's job with this id. Another tenant's job is reported exactly like a missing one. */
export async function getJob(
  deps: { readonly jobs: JobRepository },
  tenant: string,
  jobId: string,
): Promise<Job> {
  const job = await deps.jobs.get(assertJobId(jobId));
  if (!job || job.tenant !== tenant) throw new JobNotFoundError(jobId);
  return job;
}

/** The caller's job, checked against an If-Match revision when one was given. */
export async function getJobAtRevision(
  deps: { readonly jobs: JobRepository },
  tenant: string,
  jobId: string,
  ifMatch: number | undefined,
): Promise<Job> {
  const job = await getJob(deps, tenant, jobId);
  if (ifMatch !== undefined && ifMatch !== job.revision)
    throw new RevisionMismatchError(ifMatch, job.revision);
  return job;
}
