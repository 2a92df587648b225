import type { Job } from '../domain/job.js';
import { applyMergePatch, revisionNamedBy, specOf, splitReadOnly } from '../domain/job-edits.js';
import { getJobAtRevision } from './get-job.js';
import { updateJob } from './update-job.js';

type Deps = Parameters<typeof updateJob>[0];

/**
 * PATCH: a JSON Merge Patch (RFC 7396) over the job's editable fields — members merge, `null` removes one
 * (`"description": null`), anything else replaces. Read-only fields follow PUT's rules. The result is
 * validated and written as a PUT would be, conditional on the revision the patch was applied to, so a change
 * in between answers 412 rather than being overwritten.
 */
export async function patchJob(
  deps: Deps,
  tenant: string,
  jobId: string,
  patch: unknown,
  ifMatch?: number,
): Promise<Job> {
  const { editable, readOnly } = splitReadOnly(patch);
  const current = await getJobAtRevision(deps, tenant, jobId, ifMatch ?? revisionNamedBy(readOnly));
  const merged = applyMergePatch(specOf(current), editable);
  // A patch that is no object replaces the whole document (RFC 7396): validation then says what is missing.
  const body = merged !== null && typeof merged === 'object' ? { ...merged, ...readOnly } : merged;
  return updateJob(deps, tenant, jobId, body, current.revision);
}
