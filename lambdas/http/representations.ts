import type { DeadFire } from '../domain/dead-fire.js';
import type { Firing } from '../domain/firing.js';
import type { Job } from '../domain/job.js';
import type { Page } from '../domain/page.js';
import type { Run } from '../domain/run.js';

/**
 * A job as its owner sees it over the API: internal bookkeeping (tenant, schedule anchor) left out, its firing
 * state added, and its next run the next fire ahead (a due fire without a run shows under `firing.overdue`).
 */
export function jobRepresentation(job: Job, firing: Firing) {
  const { jobId, tenant: _tenant, scheduleAnchorAt: _anchor, nextRunAt: _next, ...rest } = job;
  return { id: jobId, ...rest, ...(firing.nextFireAt ? { nextRunAt: firing.nextFireAt } : {}), firing };
}

/** A run as its job's owner sees it: the lease bookkeeping left out. */
export function runRepresentation(run: Run) {
  const { leaseExpiresAtMs: _lease, leaseToken: _token, ...rest } = run as Run & { leaseToken?: string };
  return rest;
}

/** A dead fire as its tenant sees it: the tenant is the caller, so it is left out of the wrapper. */
export function deadFireRepresentation(deadFire: DeadFire) {
  const { tenant: _tenant, ...rest } = deadFire;
  return rest;
}

export function pageRepresentation<T, R>(page: Page<T>, represent: (item: T) => R) {
  return { items: page.items.map(represent), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/** The job's revision as an HTTP entity tag, for If-Match. */
export const etagOf = (job: Job) => `"${job.revision}"`;
