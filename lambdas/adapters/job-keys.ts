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

/** The due index: ACTIVE jobs with a next fire, by the minute of that fire (sparse: nothing else is in it). */
export const DUE_INDEX = 'GSI2';
/**
 * Each minute's due jobs are spread over this many partitions, so that 10,000 jobs due at the same second stay
 * under DynamoDB's 1,000 writes per second per partition when their next runs move on.
 */
export const DUE_SHARDS = 10;
const MINUTE_MS = 60_000;
/** A small, stable hash of a job id: which shard of a sharded key the job lives in. */
export function shardOf(jobId: string, shards: number): number {
  let hash = 0;
  for (let n = 0; n < jobId.length; n++) hash = (Math.imul(hash, 31) + jobId.charCodeAt(n)) >>> 0;
  return hash % shards;
}
export const dueBucketPartition = (minuteStartMs: number, shard: number) =>
  `DUE#${new Date(minuteStartMs).toISOString().slice(0, 16)}#${shard}`;
/** The due index's key of a job due at `nextRunAt` (an ISO instant). */
export const dueIndexKey = (jobId: string, nextRunAt: string) => ({
  GSI2PK: dueBucketPartition(
    Math.floor(Date.parse(nextRunAt) / MINUTE_MS) * MINUTE_MS,
    shardOf(jobId, DUE_SHARDS),
  ),
});
/**
 * One small item per job, in a few partitions sorted by job id: the job ids the reconciler compares with the
 * schedule names, by prefix, without reading job items. Written in the same transaction as the job.
 */
export const JOB_ID_SHARDS = 4;
export const JOB_ID_PREFIX = 'JOBIDS#';
export const jobIdPartition = (shard: number) => `${JOB_ID_PREFIX}${shard}`;
export const jobIdKey = (jobId: string) =>
  ({ PK: jobIdPartition(shardOf(jobId, JOB_ID_SHARDS)), SK: jobId }) as const;
/** Jobs marked for repair when a schedule write failed or was left unsure: one partition, read first. */
export const REPAIR_PARTITION = 'REPAIR';
export const repairKey = (jobId: string) => ({ PK: REPAIR_PARTITION, SK: jobId }) as const;
