import * as z from 'zod/mini';
import type { Job } from '../domain/job.js';
import type { RetryPolicy } from '../domain/retry-policy.js';
import type { Target } from '../domain/target.js';

const TARGET_TYPES = new Set(['http', 'sqs', 'eventbridge', 'lambda']);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** The table's own attributes on a job item: keys of the table and its indexes, and the item's kind. */
const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'entity'] as const;

/**
 * What a stored job item must hold to be a job. Checked on read, so that an item written by an older or
 * broken writer fails here, naming the attribute, instead of somewhere deep in a use case.
 */
const StoredJobSchema = z.looseObject({
  jobId: z.string(),
  tenant: z.string(),
  name: z.string(),
  schedule: z.looseObject({ expression: z.string(), timezone: z.string() }),
  // Nested shapes were validated in full when written; here only what tells one kind from another.
  target: z.custom<Target>((value) => isObject(value) && TARGET_TYPES.has(String(value.type))),
  retryPolicy: z.custom<RetryPolicy>((value) => isObject(value) && typeof value.maxAttempts === 'number'),
  overlap: z.enum(['allow', 'forbid']),
  misfirePolicy: z.optional(z.enum(['fire_once', 'skip'])),
  status: z.enum(['ACTIVE', 'PAUSED', 'COMPLETED']),
  revision: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  scheduleAnchorAt: z.string(),
  nextRunAt: z.optional(z.string()),
  lastRunAt: z.optional(z.string()),
});

/** A stored item that is not a job. */
export class StoredJobInvalidError extends Error {
  override readonly name = 'StoredJobInvalidError';
}

/** The job a stored item holds, without the table's key attributes; throws when the item is no job. */
export function parseStoredJob(item: Record<string, unknown>): Job {
  const fields = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete fields[attribute];
  const parsed = StoredJobSchema.safeParse(fields);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new StoredJobInvalidError(`Stored job ${String(item.PK)} is not a job (${where}).`);
  }
  return parsed.data;
}
