import { latestFireAtOrBefore, nextFireAfter } from '../domain/fire-times.js';
import type { Job } from '../domain/job.js';
import { parseSchedule } from '../domain/schedule.js';
import { scheduleSpecOf } from './job-schedule.js';
import type {
  Clock,
  DispatchQueue,
  JobStore,
  RegisteredSchedule,
  RunStore,
  ScheduleRegistry,
  ScheduleSpec,
} from './ports.js';

/** What a repair did, as the reconciler counts it. */
export type Repair = 'created' | 'updated' | 'deleted' | 'caughtUp' | 'missedSkipped';

/** What checking one job needs. */
export interface JobCheckDeps {
  readonly jobs: JobStore;
  readonly runs: RunStore;
  readonly schedules: ScheduleRegistry;
  readonly dispatch: DispatchQueue;
  readonly clock: Clock;
  readonly repaired: (repair: Repair) => void;
  /** A fire is missed once its scheduled time is this far in the past with no run. */
  readonly missedAfterMs: number;
}

/**
 * Whether the registered schedule does what the job wants. A rate schedule's StartDate is only compared when
 * the job sets startAt itself; otherwise it is the grid point of the moment it was registered.
 */
export function agrees(actual: RegisteredSchedule, wanted: ScheduleSpec, job: Job): boolean {
  const same = (a?: string, b?: string) =>
    (a ? Date.parse(a) : undefined) === (b ? Date.parse(b) : undefined);
  const startMatters =
    job.schedule.startAt !== undefined || !job.schedule.expression.trim().startsWith('rate(');
  return (
    actual.expression === wanted.expression &&
    actual.timezone === wanted.timezone &&
    actual.enabled === wanted.enabled &&
    actual.revision === wanted.revision &&
    (!startMatters || same(actual.startAt, wanted.startAt)) &&
    same(actual.endAt, wanted.endAt)
  );
}

/** A one-time schedule whose moment has passed deletes itself after firing: its absence is no drift. */
export function spent(job: Job, nowMs: number): boolean {
  const parsed = parseSchedule(job.schedule);
  return parsed.kind === 'at'
    ? parsed.atMs <= nowMs
    : nextFireAfter(parsed, Date.parse(job.scheduleAnchorAt), nowMs) === undefined;
}

/** Whether the job's schedule looks wrong from what was read: missing, extra, or not what the job wants. */
function needsRepair(job: Job, actual: RegisteredSchedule | undefined, nowMs: number): boolean {
  if (job.status === 'COMPLETED') return actual !== undefined;
  if (!actual) return !spent(job, nowMs);
  return !agrees(actual, scheduleSpecOf(job, parseSchedule(job.schedule), nowMs), job);
}

/**
 * Checks one job against its schedule (one GetSchedule) and repairs it: creates a missing schedule, fixes one
 * that disagrees, deletes one a completed job no longer needs, and catches up a fire missed for longer than
 * `missedAfterMs`. `seen` may be an eventually consistent read: a repair is decided on a fresh one, and never
 * steps on a schedule registered for a newer revision.
 */
export async function checkJob(deps: JobCheckDeps, seen: Job): Promise<void> {
  const actual = await deps.schedules.describe(seen.jobId);
  const repair = needsRepair(seen, actual, deps.clock.nowMs());
  if (!repair && seen.status !== 'ACTIVE') return;
  const job = repair ? await deps.jobs.get(seen.jobId) : seen;
  if (!job) {
    if (actual) {
      await deps.schedules.delete(seen.jobId);
      deps.repaired('deleted');
    }
    return;
  }
  if (actual?.revision !== undefined && actual.revision > job.revision) return;
  const nowMs = deps.clock.nowMs();
  const wanted = scheduleSpecOf(job, parseSchedule(job.schedule), nowMs);
  if (job.status === 'COMPLETED') {
    if (actual) {
      await deps.schedules.delete(job.jobId);
      deps.repaired('deleted');
    }
    return;
  }
  if (!actual && !spent(job, nowMs)) {
    await deps.schedules.create(wanted);
    deps.repaired('created');
  } else if (actual && !agrees(actual, wanted, job)) {
    await deps.schedules.update(wanted);
    deps.repaired('updated');
  }
  if (job.status === 'ACTIVE') await catchUpMissedFire(deps, job);
}

/** Checks a job known only by id (a repair mark): a job that is gone loses its schedule. */
export async function checkJobById(deps: JobCheckDeps, jobId: string): Promise<void> {
  const job = await deps.jobs.get(jobId);
  if (job) return checkJob(deps, job);
  if (await deps.schedules.describe(jobId)) {
    await deps.schedules.delete(jobId);
    deps.repaired('deleted');
  }
}

/** Whether the job's next run is overdue by more than `missedAfterMs`. */
export function overdue(job: Job, nowMs: number, missedAfterMs: number): boolean {
  return (
    job.status === 'ACTIVE' &&
    job.nextRunAt !== undefined &&
    Date.parse(job.nextRunAt) <= nowMs - missedAfterMs
  );
}

/**
 * A job whose next run is well in the past with no run recorded missed a fire (its schedule was missing,
 * disabled by accident, or a fire was dropped). Under `fire_once` the latest missed fire is sent once, marked
 * as a catch-up; under `skip` it is recorded as SKIPPED. Either way the job's next run moves to the future,
 * so a reconcile never catches up twice.
 */
async function catchUpMissedFire(deps: JobCheckDeps, job: Job): Promise<void> {
  const nowMs = deps.clock.nowMs();
  if (!job.nextRunAt || !overdue(job, nowMs, deps.missedAfterMs)) return;
  const parsed = parseSchedule(job.schedule);
  const anchorMs = Date.parse(job.scheduleAnchorAt);
  // One fire stands for all that were missed: the latest due now (its run id dedups a late original).
  const latestMs = latestFireAtOrBefore(parsed, anchorMs, nowMs) ?? Date.parse(job.nextRunAt);
  const latest = new Date(latestMs).toISOString();
  const nextMs = nextFireAfter(parsed, anchorMs, nowMs);
  const recorded =
    (await deps.runs.get(job.jobId, latest)) ?? (await deps.runs.get(job.jobId, job.nextRunAt));
  if (!recorded) {
    if ((job.misfirePolicy ?? 'fire_once') === 'fire_once') {
      await deps.dispatch.send({
        jobId: job.jobId,
        tenant: job.tenant,
        revision: job.revision,
        scheduledTime: latest,
        catchUp: true,
      });
      deps.repaired('caughtUp');
    } else {
      await deps.runs.recordSkip({
        jobId: job.jobId,
        runId: latest,
        scheduledTime: latest,
        trigger: 'schedule',
        reason: 'missed',
        nowMs,
      });
      await deps.jobs.countSkippedRun(job.jobId, { reason: 'missed', at: new Date(nowMs).toISOString() });
      deps.repaired('missedSkipped');
    }
  }
  await deps.jobs.setNextRunAt(
    job.jobId,
    job.revision,
    nextMs === undefined ? undefined : new Date(nextMs).toISOString(),
  );
}
