import { ValidationError } from './errors.js';
import type { Job, JobSpec } from './job.js';

/**
 * The fields of a job's representation that the service keeps, not the caller. A PUT or PATCH may carry them
 * back as a GET returned them (so GET → edit → PUT works); what happens to each depends on who changes it.
 */
export const READ_ONLY_FIELDS = {
  /** Must be the job's own: anything else is refused. */
  id: 'fixed',
  /** Changed only by the service or by pause/resume: a different value is refused, naming the way to change it. */
  status: 'fixed',
  pausedReason: 'fixed',
  createdAt: 'fixed',
  updatedAt: 'fixed',
  /** Stands for If-Match: a different revision means the job changed since it was read (412). */
  revision: 'revision',
  // Moved by runs and the reconciler without a new revision, so they may differ from what the caller read a
  // moment ago: accepted with any value and ignored.
  nextRunAt: 'volatile',
  lastRunAt: 'volatile',
  lastRunStatus: 'volatile',
  runsSucceeded: 'volatile',
  runsFailed: 'volatile',
  runsSkipped: 'volatile',
  lastSkipReason: 'volatile',
  lastSkippedAt: 'volatile',
  firing: 'volatile',
} as const;

type ReadOnlyField = keyof typeof READ_ONLY_FIELDS;
const isReadOnly = (key: string): key is ReadOnlyField => Object.hasOwn(READ_ONLY_FIELDS, key);

/** The body's editable fields and its read-only ones, apart. A body that is no object is left as it is. */
export function splitReadOnly(body: unknown): { editable: unknown; readOnly: Record<string, unknown> } {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return { editable: body, readOnly: {} };
  const editable: Record<string, unknown> = {};
  const readOnly: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) (isReadOnly(key) ? readOnly : editable)[key] = value;
  return { editable, readOnly };
}

/** The revision a body's `revision` field asks to edit, if it carries one. */
export function revisionNamedBy(readOnly: Record<string, unknown>): number | undefined {
  const value = readOnly.revision;
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ValidationError('The job is not valid.', [
      {
        path: 'revision',
        message: 'Read-only: send it back as a GET returned it (a positive integer), or leave it out.',
      },
    ]);
  }
  return value;
}

const HOW_TO_CHANGE: Partial<Record<ReadOnlyField, string>> = {
  status: 'change it with POST /api/jobs/{id}/pause or /resume',
  pausedReason: 'set it with POST /api/jobs/{id}/pause {"reason": "…"}',
};

/** Refuses a read-only field whose value is not the job's own; volatile ones pass whatever their value. */
export function checkReadOnly(readOnly: Record<string, unknown>, job: Job): void {
  const current: Record<string, unknown> = { ...job, id: job.jobId };
  const problems = Object.entries(readOnly)
    .filter(([key]) => isReadOnly(key) && READ_ONLY_FIELDS[key as ReadOnlyField] === 'fixed')
    .filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(current[key]))
    .map(([key]) => ({
      path: key,
      message: `Read-only, and not the job's ${key} (${JSON.stringify(current[key] ?? null)}): leave it out or send it unchanged${
        HOW_TO_CHANGE[key as ReadOnlyField] ? `; ${HOW_TO_CHANGE[key as ReadOnlyField]}` : ''
      }.`,
    }));
  if (problems.length > 0) throw new ValidationError('The job is not valid.', problems);
}

/** The editable part of a stored job, as a PUT would send it. */
export function specOf(job: Job): JobSpec {
  return {
    name: job.name,
    ...(job.description === undefined ? {} : { description: job.description }),
    schedule: job.schedule,
    target: job.target,
    retryPolicy: job.retryPolicy,
    overlap: job.overlap,
    misfirePolicy: job.misfirePolicy ?? 'fire_once',
    ...(job.payload === undefined ? {} : { payload: job.payload as JobSpec['payload'] }),
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** RFC 7396 JSON Merge Patch: objects merge member by member, `null` removes a member, anything else replaces. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}
