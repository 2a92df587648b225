import type { Job } from '../domain/job.js';

/** A job as its owner sees it over the API: internal bookkeeping (tenant, schedule anchor) left out. */
export function jobRepresentation(job: Job) {
  const { jobId, tenant: _tenant, scheduleAnchorAt: _anchor, ...rest } = job;
  return { id: jobId, ...rest };
}
