import { parse } from 'yaml';
import type { JobSpec } from '../../types.js';
import { UsageError } from '../usage-error.js';

/** A jobs-as-code file: the jobs a tenant should have, each named uniquely. */
export interface Manifest {
  readonly jobs: JobSpec[];
}

/** Reads a manifest (YAML or JSON): `jobs:` a list of job specs as POST /api/jobs takes them. */
export function parseManifest(text: string, source: string): Manifest {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new UsageError(`${source}: not valid YAML: ${(error as Error).message}`);
  }
  const jobs = (document as { jobs?: unknown } | null)?.jobs;
  if (!Array.isArray(jobs)) throw new UsageError(`${source}: expected a top-level 'jobs:' list.`);
  const names = new Set<string>();
  jobs.forEach((job, index) => {
    const name = (job as { name?: unknown } | null)?.name;
    if (typeof name !== 'string' || name === '')
      throw new UsageError(`${source}: jobs[${index}] has no name (apply matches jobs by name).`);
    if (names.has(name)) throw new UsageError(`${source}: the name '${name}' is used twice.`);
    names.add(name);
  });
  return { jobs: jobs as JobSpec[] };
}
