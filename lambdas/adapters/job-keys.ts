import { createHash } from 'node:crypto';

/** Key layout of the single table. */
export const jobKey = (jobId: string) => ({ PK: `JOB#${jobId}`, SK: 'META' }) as const;
export const runKey = (jobId: string, runId: string) => ({ PK: `JOB#${jobId}`, SK: `RUN#${runId}` }) as const;
export const RUN_PREFIX = 'RUN#';
/** The tenant index lists a tenant's jobs newest first. */
export const TENANT_INDEX = 'GSI1';
export const tenantPartition = (tenant: string) => `TENANT#${tenant}`;
export const tenantIndexKey = (tenant: string, createdAt: string, jobId: string) =>
  ({ GSI1PK: tenantPartition(tenant), GSI1SK: `${createdAt}#${jobId}` }) as const;
/** A tenant's dead fires: one partition per tenant, sorted by when each fire was sent. */
export const DEAD_FIRE_PREFIX = 'DEADLETTER#';
export const deadFirePartition = (tenant: string) => `${DEAD_FIRE_PREFIX}${tenant}`;
export const deadFireKey = (tenant: string, id: string) =>
  ({ PK: deadFirePartition(tenant), SK: id }) as const;
/** One item per tenant counting its jobs, for the quota. */
export const quotaKey = (tenant: string) => ({ PK: tenantPartition(tenant), SK: 'QUOTA' }) as const;
/** One item per tenant, operation and fixed window: the rate limiter's counter. */
export const rateKey = (tenant: string, operation: string, windowStartMs: number) =>
  ({ PK: tenantPartition(tenant), SK: `RATE#${operation}#${windowStartMs}` }) as const;
/** One item per tenant holding the leases of its runs in progress. */
export const runningKey = (tenant: string) => ({ PK: tenantPartition(tenant), SK: 'RUNNING' }) as const;
/**
 * One item per (tenant, Idempotency-Key) of POST /api/jobs. Hashed, because tenants and keys may both contain
 * `#`: joined as text, two different pairs could name the same item.
 */
export const idempotencyKey = (tenant: string, key: string) =>
  ({
    PK: `IDEMPOTENCY#${createHash('sha256').update(tenant).update('\u0000').update(key).digest('base64url')}`,
    SK: 'META',
  }) as const;
/** One item per tenant naming its webhook signing-secret generations. */
export const signingKey = (tenant: string) => ({ PK: tenantPartition(tenant), SK: 'SIGNING' }) as const;
