import { jobSpecOf } from '../../client.js';
import { JOB_SPEC_DEFAULTS } from '../../generated/job-spec.js';
import { withDefaults } from '../../spec-defaults.js';
import type { Job, JobSpec } from '../../types.js';
import { UsageError } from '../usage-error.js';

/** One field that differs between a job and its spec in the file. */
export interface FieldChange {
  readonly path: string;
  readonly from: unknown;
  readonly to: unknown;
}

export type PlannedChange =
  | { readonly kind: 'create'; readonly name: string; readonly spec: JobSpec }
  | {
      readonly kind: 'update';
      readonly name: string;
      readonly job: Job;
      readonly spec: JobSpec;
      readonly fields: FieldChange[];
    }
  | { readonly kind: 'delete'; readonly name: string; readonly job: Job };

export interface Plan {
  readonly changes: PlannedChange[];
  readonly unchanged: string[];
  /** Jobs the file does not name, kept because --prune was not given. */
  readonly unmanaged: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields where `to` differs from `from`, by JSON path; object key order does not matter. */
export function fieldChanges(from: unknown, to: unknown, path = ''): FieldChange[] {
  if (isObject(from) && isObject(to)) {
    const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
    return keys.flatMap((key) => fieldChanges(from[key], to[key], path ? `${path}.${key}` : key));
  }
  if (Array.isArray(from) && Array.isArray(to) && from.length === to.length) {
    return from.flatMap((item, index) => fieldChanges(item, to[index], `${path}[${index}]`));
  }
  return JSON.stringify(from) === JSON.stringify(to) ? [] : [{ path, from, to }];
}

/**
 * What makes the tenant's jobs match the file, by name: create what is missing, update what differs (both
 * sides compared with the API's defaults filled in, so leaving a default out is no change), and with `prune`
 * delete what the file no longer names.
 */
export function planApply(
  desired: readonly JobSpec[],
  current: readonly Job[],
  options: { prune: boolean },
): Plan {
  const byName = new Map<string, Job>();
  for (const job of current) {
    if (byName.has(job.name))
      throw new UsageError(`The tenant has two jobs named '${job.name}': apply cannot tell them apart.`);
    byName.set(job.name, job);
  }
  const changes: PlannedChange[] = [];
  const unchanged: string[] = [];
  for (const spec of desired) {
    const job = byName.get(spec.name);
    if (!job) {
      changes.push({ kind: 'create', name: spec.name, spec });
      continue;
    }
    const fields = fieldChanges(
      withDefaults(jobSpecOf(job), JOB_SPEC_DEFAULTS),
      withDefaults(spec, JOB_SPEC_DEFAULTS),
    );
    if (fields.length) changes.push({ kind: 'update', name: spec.name, job, spec, fields });
    else unchanged.push(spec.name);
  }
  const named = new Set(desired.map((spec) => spec.name));
  const extra = current.filter((job) => !named.has(job.name));
  if (options.prune) for (const job of extra) changes.push({ kind: 'delete', name: job.name, job });
  return { changes, unchanged, unmanaged: options.prune ? [] : extra.map((job) => job.name) };
}
