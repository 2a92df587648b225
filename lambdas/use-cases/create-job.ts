import { createHash } from 'node:crypto';
import { IdempotencyKeyReusedError, IdempotencyKeySpentError } from '../domain/errors.js';
import { type Job, type JobSpec, JobSpecSchema } from '../domain/job.js';
import { MetricName } from '../domain/metrics.js';
import { checkTarget, type TargetPolicy } from '../domain/target-policy.js';
import { parseWith } from '../domain/validation.js';
import { markForRepair, planSchedule, scheduleRegistrationError, scheduleSpecOf } from './job-schedule.js';
import { jobSpecInput } from './job-spec-input.js';
import {
  type Clock,
  IdempotencyKeyTakenError,
  type JobRepository,
  type Metrics,
  type RateLimiter,
  type RepairMarks,
  type ScheduleRegistry,
} from './ports.js';
import { enforceRateLimit } from './rate-limit.js';

export interface CreateJobDeps {
  readonly jobs: JobRepository;
  readonly schedules: ScheduleRegistry;
  readonly clock: Clock;
  readonly newJobId: () => string;
  readonly targetPolicy: TargetPolicy;
  /** Most jobs one tenant may have. */
  readonly jobQuota: number;
  readonly metrics: Metrics;
  /** Per-tenant limits on create, update and execute. */
  readonly rateLimiter: RateLimiter;
  /** Where a job whose schedule write failed or was left unsure is marked for the reconciler. */
  readonly repairs?: RepairMarks;
}

/** How long an Idempotency-Key of POST /api/jobs is remembered. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 3_600_000;

// Stryker disable next-line EqualityOperator: keys are unique, and any one order is canonical.
const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : 1);

/**
 * A stable fingerprint of a validated job spec: key order and omitted defaults do not change it (members set to
 * undefined are left out by JSON.stringify).
 */
export function specHash(spec: JobSpec): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .sort(byKey)
              .map(([k, v]) => [k, canonical(v)]),
          )
        : value;
  return createHash('sha256')
    .update(JSON.stringify(canonical(spec)))
    .digest('base64url');
}

/**
 * Validates and stores a job, then registers its schedule. The job is written first so that a fire can
 * always find it; if the schedule cannot be created the job is removed again and the caller gets a
 * retryable error, never a success for a job that would not run. With an Idempotency-Key, a repeated
 * request with the same body answers the job made the first time (`created: false`).
 */
export async function createJob(
  deps: CreateJobDeps,
  tenant: string,
  body: unknown,
  idempotencyKey?: string,
): Promise<{ job: Job; created: boolean }> {
  const spec = jobSpecInput(parseWith(JobSpecSchema, body, 'job'));
  const bodyHash = specHash(spec);
  if (idempotencyKey) {
    const earlier = await replay(deps, tenant, idempotencyKey, bodyHash);
    if (earlier) return { job: earlier, created: false };
  }
  checkTarget(spec.target, deps.targetPolicy, tenant);
  const nowMs = deps.clock.nowMs();
  const { parsed, nextRunAt } = planSchedule(spec.schedule, nowMs);
  // A replay above writes nothing and answers what the first request made: a client retrying after a lost
  // response gets its job even when over the limit. Only a request that would create counts.
  await enforceRateLimit(deps, tenant, 'create');
  const now = new Date(nowMs).toISOString();
  const job: Job = {
    jobId: deps.newJobId(),
    tenant,
    ...spec,
    status: 'ACTIVE',
    revision: 1,
    createdAt: now,
    updatedAt: now,
    scheduleAnchorAt: now,
    ...(nextRunAt ? { nextRunAt } : {}),
  };
  try {
    await deps.jobs.create(job, {
      quota: deps.jobQuota,
      ...(idempotencyKey
        ? {
            idempotency: {
              key: idempotencyKey,
              bodyHash,
              jobId: job.jobId,
              expiresAtMs: nowMs + IDEMPOTENCY_WINDOW_MS,
            },
          }
        : {}),
    });
  } catch (error) {
    // A concurrent request with the same key won the race: answer as a replay.
    if (error instanceof IdempotencyKeyTakenError && idempotencyKey) {
      const earlier = await replay(deps, tenant, idempotencyKey, bodyHash);
      if (earlier) return { job: earlier, created: false };
    }
    throw error;
  }
  try {
    await deps.schedules.create(scheduleSpecOf(job, parsed));
  } catch (error) {
    await deps.jobs.delete(job, job.revision, idempotencyKey).catch(() => undefined);
    // A timeout may have created the schedule after all, and the removal may have failed: either way the
    // reconciler looks at this job id first.
    await markForRepair(deps.repairs, job.jobId, error);
    throw scheduleRegistrationError(error, 'The schedule could not be registered (%s); no job was created.');
  }
  deps.metrics.add(MetricName.JobsCreated, 1, 'Count');
  return { job, created: true };
}

async function replay(
  deps: CreateJobDeps,
  tenant: string,
  key: string,
  bodyHash: string,
): Promise<Job | undefined> {
  const record = await deps.jobs.getIdempotencyRecord(tenant, key);
  if (!record) return undefined;
  if (record.bodyHash !== bodyHash) throw new IdempotencyKeyReusedError();
  const job = await deps.jobs.get(record.jobId);
  if (job?.tenant !== tenant) throw new IdempotencyKeySpentError();
  return job;
}
