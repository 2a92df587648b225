import * as z from 'zod/mini';
import { RunNotFoundError } from '../domain/errors.js';
import type { Page } from '../domain/page.js';
import { CURSOR } from '../domain/page.js';
import type { Run } from '../domain/run.js';
import { parseWith } from '../domain/validation.js';
import { getJob } from './get-job.js';
import type { JobRepository, RunStore } from './ports.js';

export const ListRunsQuerySchema = z.lazy(() =>
  z.strictObject({
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
    cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048), z.regex(CURSOR))),
  }),
);

type Deps = { readonly jobs: JobRepository; readonly runs: RunStore };

/** The runs of the caller's job, newest first. */
export async function listRuns(
  deps: Deps,
  tenant: string,
  jobId: string,
  query: Record<string, string | undefined>,
): Promise<Page<Run>> {
  const { limit, cursor } = parseWith(ListRunsQuerySchema, query, 'query');
  const job = await getJob(deps, tenant, jobId);
  return deps.runs.list(job.jobId, { limit, ...(cursor ? { cursor } : {}) });
}

/** One run of the caller's job. */
export async function getRun(deps: Deps, tenant: string, jobId: string, runId: string): Promise<Run> {
  const job = await getJob(deps, tenant, jobId);
  const run = runId.length <= 128 ? await deps.runs.get(job.jobId, runId) : undefined;
  if (!run) throw new RunNotFoundError(runId);
  return run;
}
