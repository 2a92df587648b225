import { DependencyFailedError, type DomainError, ValidationError } from '../domain/errors.js';
import { nextFireAfter } from '../domain/fire-times.js';
import type { Job, ScheduleSpec as JobScheduleSpec } from '../domain/job.js';
import { type ParsedSchedule, parseSchedule, toSchedulerExpression } from '../domain/schedule.js';
import {
  type RepairMarks,
  ScheduleNotFoundError,
  ScheduleRefusedError,
  type ScheduleRegistry,
  type ScheduleSpec,
} from './ports.js';

/**
 * Validates a job's schedule at `nowMs` and computes its next fire; refuses one that would never fire.
 * `anchorMs` is the origin of a rate schedule without startAt (its schedule's creation).
 */
export function planSchedule(
  spec: JobScheduleSpec,
  nowMs: number,
  anchorMs = nowMs,
): { parsed: ParsedSchedule; nextRunAt?: string } {
  const parsed = parseSchedule(spec);
  // A new rate schedule without startAt fires at once, at its creation: include `nowMs` itself.
  const next = nextFireAfter(parsed, anchorMs, nowMs - 1);
  if (next === undefined) {
    const reason =
      parsed.kind === 'at'
        ? `${new Date(parsed.atMs).toISOString()} has already passed.`
        : 'No fire time is left between now, startAt and endAt.';
    throw new ValidationError('The schedule would never fire.', [{ path: 'schedule', message: reason }]);
  }
  return { parsed, nextRunAt: new Date(next).toISOString() };
}

/**
 * The EventBridge schedule that carries out `job`. A rate schedule without its own startAt is given the next
 * fire of the job's grid (from its anchor) as StartDate: EventBridge Scheduler starts a rate schedule when
 * it is created, so a schedule recreated or updated later would otherwise drift off the job's cadence.
 */
export function scheduleSpecOf(
  job: Job,
  parsed: ParsedSchedule,
  nowMs = Date.parse(job.updatedAt),
): ScheduleSpec {
  const registered = toSchedulerExpression(parsed, job.schedule);
  const gridStart =
    parsed.kind === 'rate' && !job.schedule.startAt
      ? nextFireAfter(parsed, Date.parse(job.scheduleAnchorAt), nowMs - 1)
      : undefined;
  const startAt =
    job.schedule.startAt ?? (gridStart === undefined ? undefined : new Date(gridStart).toISOString());
  return {
    jobId: job.jobId,
    tenant: job.tenant,
    revision: job.revision,
    expression: registered.expression,
    timezone: registered.timezone,
    oneTime: parsed.kind === 'at',
    enabled: job.status === 'ACTIVE',
    ...(startAt ? { startAt } : {}),
    ...(job.schedule.endAt ? { endAt: job.schedule.endAt } : {}),
  };
}

/** Updates the job's schedule, creating it when it is gone (a one-time schedule deletes itself after firing). */
export async function upsertSchedule(registry: ScheduleRegistry, spec: ScheduleSpec): Promise<void> {
  try {
    await registry.update(spec);
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
    await registry.create(spec);
  }
}

/**
 * Marks the job for the reconciler's first attention after a schedule write failed or was left unsure. A
 * mark that cannot be written either is left to the reconciler's name comparison and deep pass.
 */
export async function markForRepair(
  repairs: RepairMarks | undefined,
  jobId: string,
  error: unknown,
): Promise<void> {
  // A refused schedule changed nothing in Scheduler: there is nothing to repair.
  if (!repairs || error instanceof ScheduleRefusedError) return;
  await repairs.mark(jobId, (error as Error | undefined)?.name ?? 'unknown').catch(() => undefined);
}

/**
 * What the caller is told when registering a job's schedule failed (the job was rolled back). A schedule
 * Scheduler refused is the request's fault and can never succeed on retry: a 400 with the reason. Anything
 * else is a retryable 503.
 */
export function scheduleRegistrationError(error: unknown, retryable: string): DomainError {
  if (error instanceof ScheduleRefusedError) {
    return new ValidationError('EventBridge Scheduler refused the schedule.', [
      { path: 'schedule', message: error.reason },
    ]);
  }
  const name = (error as Error | undefined)?.name ?? 'Error';
  return new DependencyFailedError(`${retryable.replace('%s', name)} Retry the request.`);
}
