import * as z from 'zod';
import type { Job } from '../domain/job.js';
import type { Page } from '../domain/page.js';
import { parseWith } from '../domain/validation.js';
import type { JobStore } from './ports.js';

export const ListJobsQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().min(1).max(2048).optional(),
    status: z.enum(['ACTIVE', 'PAUSED', 'COMPLETED']).optional(),
    namePrefix: z.string().min(1).max(128).optional(),
  })
  .strict();

/** The caller's jobs, newest first, one page at a time, optionally filtered by status and name prefix. */
export async function listJobs(
  deps: { readonly jobs: JobStore },
  tenant: string,
  query: Record<string, string | undefined>,
): Promise<Page<Job>> {
  const { limit, cursor, status, namePrefix } = parseWith(ListJobsQuerySchema, query, 'query');
  return deps.jobs.list(
    tenant,
    { ...(status ? { status } : {}), ...(namePrefix ? { namePrefix } : {}) },
    { limit, ...(cursor ? { cursor } : {}) },
  );
}
