import { DependencyFailedError, ValidationError } from '../domain/errors.js';
import { nextFireAfter } from '../domain/fire-times.js';
import { CreateJobSchema, type Job } from '../domain/job.js';
import { parseSchedule, toSchedulerExpression } from '../domain/schedule.js';
import { checkTargetUrl } from '../domain/target-policy.js';
import { parseWith } from '../domain/validation.js';
import type { Clock, JobStore, ScheduleRegistry } from './ports.js';

export interface CreateJobDeps {
  readonly jobs: JobStore;
  readonly schedules: ScheduleRegistry;
  readonly clock: Clock;
  readonly newJobId: () => string;
  readonly insecureHostsAllowed: readonly string[];
}

/**
 * Validates and stores a job, then registers its schedule. The job is written first so that a fire can
 * always find it; if the schedule cannot be created the job is removed again and the caller gets a
 * retryable error, never a success for a job that would not run.
 */
export async function createJob(deps: CreateJobDeps, tenant: string, body: unknown): Promise<Job> {
  const request = parseWith(CreateJobSchema, body, 'job');
  checkTargetUrl(request.target.url, deps.insecureHostsAllowed);
  const schedule = parseSchedule(request.schedule);
  const nowMs = deps.clock.nowMs();
  if (schedule.kind === 'at' && schedule.atMs <= nowMs) {
    throw new ValidationError('The one-time schedule is in the past.', [
      {
        path: 'schedule.expression',
        message: `${new Date(schedule.atMs).toISOString()} has already passed.`,
      },
    ]);
  }
  const now = new Date(nowMs).toISOString();
  const nextRunMs = nextFireAfter(schedule, nowMs, nowMs);
  const job: Job = {
    jobId: deps.newJobId(),
    tenant,
    name: request.name,
    schedule: request.schedule,
    target: request.target,
    ...(request.payload === undefined ? {} : { payload: request.payload }),
    status: 'ACTIVE',
    revision: 1,
    createdAt: now,
    updatedAt: now,
    scheduleAnchorAt: now,
    ...(nextRunMs === undefined ? {} : { nextRunAt: new Date(nextRunMs).toISOString() }),
  };
  await deps.jobs.create(job);
  const registered = toSchedulerExpression(schedule, request.schedule);
  try {
    await deps.schedules.create({
      jobId: job.jobId,
      tenant,
      revision: job.revision,
      expression: registered.expression,
      timezone: registered.timezone,
      oneTime: schedule.kind === 'at',
    });
  } catch (error) {
    await deps.jobs.delete(job.jobId).catch(() => undefined);
    throw new DependencyFailedError(
      `The schedule could not be registered (${(error as Error).name}); no job was created. Retry the request.`,
    );
  }
  return job;
}
