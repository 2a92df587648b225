import type { DynamoDbJobStore } from '../../../lambdas/adapters/dynamodb-job-store.js';
import type { EventBridgeScheduleRegistry } from '../../../lambdas/adapters/eventbridge-schedule-registry.js';
import { parseSchedule } from '../../../lambdas/domain/schedule.js';
import { scheduleSpecOf } from '../../../lambdas/use-cases/job-schedule.js';

/** How far Scheduler has drifted from the job table: what the reconciler must repair. */
export interface Drift {
  jobs: number;
  schedules: number;
  /** ACTIVE or PAUSED jobs with no schedule. */
  missing: number;
  /** Schedules whose fire message carries another revision than the job's. */
  staleRevision: number;
  /** Schedules enabled for a paused job or disabled for an active one. */
  wrongState: number;
  /** Schedules with no job. */
  orphans: number;
}

export async function measureDrift(
  jobs: DynamoDbJobStore,
  registry: EventBridgeScheduleRegistry,
): Promise<Drift> {
  const drift: Drift = { jobs: 0, schedules: 0, missing: 0, staleRevision: 0, wrongState: 0, orphans: 0 };
  const ids = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await jobs.scan({ limit: 100, ...(cursor ? { cursor } : {}) });
    for (const job of page.items) {
      ids.add(job.jobId);
      drift.jobs++;
      if (job.status === 'COMPLETED') continue;
      const actual = await registry.describe(job.jobId);
      const wanted = scheduleSpecOf(job, parseSchedule(job.schedule));
      if (!actual) drift.missing++;
      else {
        if (actual.revision !== wanted.revision) drift.staleRevision++;
        if (actual.enabled !== wanted.enabled) drift.wrongState++;
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  let token: string | undefined;
  do {
    const page = await registry.listNames(token);
    drift.schedules += page.names.length;
    drift.orphans += page.names.filter((name) => !ids.has(name)).length;
    token = page.nextToken;
  } while (token);
  return drift;
}
