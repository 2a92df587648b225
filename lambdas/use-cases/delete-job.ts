import { DependencyFailedError, RevisionMismatchError } from '../domain/errors.js';
import { MetricName } from '../domain/metrics.js';
import { parseSchedule } from '../domain/schedule.js';
import { getJobAtRevision } from './get-job.js';
import { markForRepair, scheduleSpecOf, upsertSchedule } from './job-schedule.js';
import type { Clock, JobRepository, Metrics, RepairMarks, RunStore, ScheduleRegistry } from './ports.js';

/**
 * Deletes the caller's job: the schedule first, so no new fire is produced, then the job (conditional on
 * the revision read, so a concurrent change is not lost silently), then its open runs (those waiting for a
 * retry) are closed as SKIPPED `job_deleted`: nothing is left RUNNING for a job no one can see any more. A
 * fire already queued finds no job and is dropped by the executor (closing the run it left waiting, if any).
 */
export async function deleteJob(
  deps: {
    readonly jobs: JobRepository;
    readonly runs: RunStore;
    readonly schedules: ScheduleRegistry;
    readonly clock: Clock;
    readonly metrics: Metrics;
    readonly repairs?: RepairMarks;
  },
  tenant: string,
  jobId: string,
  ifMatch?: number,
): Promise<void> {
  const job = await getJobAtRevision(deps, tenant, jobId, ifMatch);
  try {
    await deps.schedules.delete(job.jobId);
  } catch (error) {
    // A timeout may have deleted it after all: the job keeps running only if its schedule is checked.
    await markForRepair(deps.repairs, job.jobId, error);
    throw new DependencyFailedError(
      `The schedule could not be deleted (${(error as Error).name}); the job is unchanged. Retry the request.`,
    );
  }
  if (!(await deps.jobs.delete(job, job.revision))) {
    const now = await deps.jobs.get(job.jobId);
    if (now) {
      // Changed in between: put its schedule back as the new revision wants it, and let the caller decide again.
      if (now.status !== 'COMPLETED') {
        await upsertSchedule(deps.schedules, scheduleSpecOf(now, parseSchedule(now.schedule))).catch(
          (error: unknown) => markForRepair(deps.repairs, job.jobId, error),
        );
      }
      throw new RevisionMismatchError(job.revision, now.revision);
    }
    return;
  }
  // Once more after the job is gone: a reconciler that read the job just before could have put it back.
  await deps.schedules
    .delete(job.jobId)
    .catch((error: unknown) => markForRepair(deps.repairs, job.jobId, error));
  // The job is gone either way; a run this misses is closed by the executor when its retry comes back.
  await deps.runs.closeOpenRuns(job.jobId, 'job_deleted', deps.clock.nowMs()).catch(() => 0);
  deps.metrics.add(MetricName.JobsDeleted, 1, 'Count');
}
