import * as z from 'zod/mini';
import type { Job } from '../domain/job.js';
import type { Page } from '../domain/page.js';
import { CURSOR } from '../domain/page.js';
import { parseWith } from '../domain/validation.js';
import type { JobRepository } from './ports.js';

export const ListJobsQuerySchema = z.lazy(() =>
  z.strictObject({
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
    cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048), z.regex(CURSOR))),
    status: z.optional(z.enum(['ACTIVE', 'PAUSED', 'COMPLETED'])),
    // No commas: API Gateway joins a repeated parameter's values with them (and no job name has one).
    namePrefix: z.optional(z.string().check(z.minLength(1), z.maxLength(128), z.regex(/^[^,]+$/))),
    /** `FAILED`: the jobs whose latest run failed, across the caller's jobs. */
    lastRunStatus: z.optional(z.enum(['SUCCEEDED', 'FAILED'])),
  }),
);

/**
 * The caller's jobs, newest first, one page at a time, optionally filtered by status, name prefix and the
 * status of their latest run (`lastRunStatus=FAILED`: what is failing).
 */
export async function listJobs(
  deps: { readonly jobs: JobRepository },
  tenant: string,
  query: Record<string, string | undefined>,
): Promise<Page<Job>> {
  const { limit, cursor, status, namePrefix, lastRunStatus } = parseWith(ListJobsQuerySchema, query, 'query');
  return deps.jobs.list(
    tenant,
    {
      ...(status ? { status } : {}),
      ...(namePrefix ? { namePrefix } : {}),
      ...(lastRunStatus ? { lastRunStatus } : {}),
    },
    { limit, ...(cursor ? { cursor } : {}) },
  );
}
