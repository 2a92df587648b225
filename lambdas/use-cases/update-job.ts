import { JobCompletedError, RevisionMismatchError, ValidationError } from '../domain/errors.js';
import { type Job, JobSpecSchema } from '../domain/job.js';
import { checkReadOnly, revisionNamedBy, splitReadOnly } from '../domain/job-edits.js';
import { MetricName } from '../domain/metrics.js';
import { parseSchedule } from '../domain/schedule.js';
import { checkTarget } from '../domain/target-policy.js';
import { parseWith } from '../domain/validation.js';
import type { CreateJobDeps } from './create-job.js';
import { getJobAtRevision } from './get-job.js';
import {
  markForRepair,
  planSchedule,
  scheduleRegistrationError,
  scheduleSpecOf,
  upsertSchedule,
} from './job-schedule.js';
import { jobSpecInput } from './job-spec-input.js';
import { enforceRateLimit } from './rate-limit.js';

type Deps = Pick<
  CreateJobDeps,
  'jobs' | 'schedules' | 'clock' | 'targetPolicy' | 'metrics' | 'rateLimiter' | 'repairs'
>;

/**
 * Writes `next` over `current` (conditional on its revision), then brings the schedule in line. If the
 * schedule cannot be updated, the previous job is restored, so the caller's retry starts from a state that
 * matches what is scheduled.
 */
async function commit(deps: Deps, current: Job, next: Job): Promise<Job> {
  await enforceRateLimit(deps, current.tenant, 'update');
  if (!(await deps.jobs.replace(next, current.revision))) {
    const now = await deps.jobs.get(current.jobId);
    throw new RevisionMismatchError(current.revision, now?.revision ?? current.revision);
  }
  try {
    await upsertSchedule(deps.schedules, scheduleSpecOf(next, parseSchedule(next.schedule)));
  } catch (error) {
    await deps.jobs.replace(current, next.revision).catch(() => undefined);
    // The update may have reached Scheduler after all (a timeout), or the restore may have failed.
    await markForRepair(deps.repairs, next.jobId, error);
    throw scheduleRegistrationError(error, 'The schedule could not be updated (%s); the job is unchanged.');
  }
  deps.metrics.add(MetricName.JobsUpdated, 1, 'Count');
  return next;
}

/**
 * PUT: replaces the job's spec. A paused job stays paused; a completed one becomes active again. The body may
 * carry the read-only fields a GET returned (see READ_ONLY_FIELDS): unchanged they are accepted, a changed
 * one is refused naming it, and `revision` stands for If-Match.
 */
export async function updateJob(
  deps: Deps,
  tenant: string,
  jobId: string,
  body: unknown,
  ifMatch?: number,
): Promise<Job> {
  const { editable, readOnly } = splitReadOnly(body);
  const spec = jobSpecInput(parseWith(JobSpecSchema, editable, 'job'));
  const named = revisionNamedBy(readOnly);
  if (named !== undefined && ifMatch !== undefined && named !== ifMatch) {
    throw new ValidationError('The job is not valid.', [
      { path: 'revision', message: `Read-only: ${named} in the body, but If-Match names ${ifMatch}.` },
    ]);
  }
  const current = await getJobAtRevision(deps, tenant, jobId, ifMatch ?? named);
  checkReadOnly(readOnly, current);
  checkTarget(spec.target, deps.targetPolicy, tenant);
  const nowMs = deps.clock.nowMs();
  const scheduleChanged = JSON.stringify(spec.schedule) !== JSON.stringify(current.schedule);
  const anchorMs = scheduleChanged ? nowMs : Date.parse(current.scheduleAnchorAt);
  const { nextRunAt } = planSchedule(spec.schedule, nowMs, anchorMs);
  const { description: _d, payload: _p, nextRunAt: _n, pausedReason, ...kept } = current;
  const status = current.status === 'PAUSED' ? 'PAUSED' : 'ACTIVE';
  return commit(deps, current, {
    ...kept,
    ...spec,
    status,
    ...(status === 'PAUSED' && pausedReason ? { pausedReason } : {}),
    revision: current.revision + 1,
    updatedAt: new Date(nowMs).toISOString(),
    scheduleAnchorAt: scheduleChanged ? new Date(nowMs).toISOString() : current.scheduleAnchorAt,
    ...(nextRunAt && status === 'ACTIVE' ? { nextRunAt } : {}),
  });
}

/**
 * Pauses the job: its schedule is disabled and fires still in flight are skipped. Pausing a paused job
 * answers it unchanged, unless a new reason is given.
 */
export async function pauseJob(
  deps: Deps,
  tenant: string,
  jobId: string,
  reason?: string,
  ifMatch?: number,
): Promise<Job> {
  const current = await getJobAtRevision(deps, tenant, jobId, ifMatch);
  if (current.status === 'COMPLETED') throw new JobCompletedError(jobId);
  // Idempotent: pausing a paused job changes nothing (a pause without a reason keeps the one given before);
  // only a different reason is a change, recorded as one.
  if (current.status === 'PAUSED' && (reason === undefined || reason === current.pausedReason))
    return current;
  const { nextRunAt: _n, pausedReason: _r, ...kept } = current;
  return commit(deps, current, {
    ...kept,
    status: 'PAUSED',
    ...(reason ? { pausedReason: reason } : {}),
    revision: current.revision + 1,
    updatedAt: new Date(deps.clock.nowMs()).toISOString(),
  });
}

/**
 * Resumes a paused job: its schedule is enabled again; fires missed while paused are not made up. Resuming
 * an active job answers it unchanged.
 */
export async function resumeJob(deps: Deps, tenant: string, jobId: string, ifMatch?: number): Promise<Job> {
  const current = await getJobAtRevision(deps, tenant, jobId, ifMatch);
  if (current.status === 'COMPLETED') throw new JobCompletedError(jobId);
  if (current.status === 'ACTIVE') return current;
  const nowMs = deps.clock.nowMs();
  const { pausedReason: _r, nextRunAt: _n, ...kept } = current;
  const { nextRunAt } = planSchedule(current.schedule, nowMs, Date.parse(current.scheduleAnchorAt));
  return commit(deps, current, {
    ...kept,
    status: 'ACTIVE',
    revision: current.revision + 1,
    updatedAt: new Date(nowMs).toISOString(),
    ...(nextRunAt ? { nextRunAt } : {}),
  });
}
