import { ValidationError } from '../domain/errors.js';
import type { Job } from '../domain/job.js';
import { applyMergePatch, revisionNamedBy, specOf, splitReadOnly } from '../domain/job-edits.js';
import { getJobAtRevision } from './get-job.js';
import { updateJob } from './update-job.js';

type Deps = Parameters<typeof updateJob>[0];

/** The optional members of a job a patch may remove with `null` even when the job has none. */
const OPTIONAL_MEMBERS = new Set(['description', 'payload']);

/**
 * `null` removes a member; for a member no job has (a typo such as "descripton") the patch would change nothing
 * and say nothing, so it is refused, naming the member.
 */
function refuseRemovingUnknownMembers(patch: unknown, spec: object): void {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return;
  const unknown = Object.entries(patch)
    .filter(([key, value]) => value === null && !(key in spec) && !OPTIONAL_MEMBERS.has(key))
    .map(([key]) => ({ path: key, message: 'Not a member of a job: there is nothing to remove.' }));
  if (unknown.length > 0) throw new ValidationError('The patch is not valid.', unknown);
}

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
  refuseRemovingUnknownMembers(editable, specOf(current));
  const merged = applyMergePatch(specOf(current), editable);
  // A patch that is no object replaces the whole document (RFC 7396): validation then says what is missing.
  const body = merged !== null && typeof merged === 'object' ? { ...merged, ...readOnly } : merged;
  return updateJob(deps, tenant, jobId, body, current.revision);
}
