/**
 * The reconciler as it was before issue 12 (a GetSchedule per job every cycle), kept only as the scale
 * benchmark's baseline, measured in the same run as the current design. Not used by the service.
 */
import { latestFireAtOrBefore, nextFireAfter } from '../../lambdas/domain/fire-times.js';
import type { Job } from '../../lambdas/domain/job.js';
import { MetricName } from '../../lambdas/domain/metrics.js';
import { parseSchedule } from '../../lambdas/domain/schedule.js';
import { scheduleSpecOf } from '../../lambdas/use-cases/job-schedule.js';
import type {
  Clock,
  DispatchQueue,
  JobStore,
  Metrics,
  RegisteredSchedule,
  RunStore,
  ScheduleRegistry,
  ScheduleSpec,
} from '../../lambdas/use-cases/ports.js';

/** Where a reconcile cycle stands between invocations. */
export interface ReconcilerCursor {
  readonly phase: 'jobs' | 'schedules';
  readonly jobsCursor?: string;
  readonly schedulesToken?: string;
  readonly cycleStartedAt: string;
}

export interface ReconcilerStateStore {
  load(): Promise<ReconcilerCursor | undefined>;
  save(cursor: ReconcilerCursor | undefined): Promise<void>;
}

export interface ReconcileDeps {
  readonly jobs: JobStore;
  readonly runs: RunStore;
  readonly schedules: ScheduleRegistry;
  readonly dispatch: DispatchQueue;
  readonly state: ReconcilerStateStore;
  readonly clock: Clock;
  readonly metrics: Metrics;
}

export interface ReconcileOptions {
  /** Stop starting new pages when less than this is left of the invocation. */
  readonly remainingMs: () => number;
  readonly reserveMs?: number;
  /** Jobs (and schedule names) per page. */
  readonly pageSize?: number;
  /** A fire is missed once its scheduled time is this far in the past with no run. */
  readonly missedAfterMs?: number;
}

export interface ReconcileReport {
  jobsChecked: number;
  schedulesChecked: number;
  created: number;
  updated: number;
  deleted: number;
  caughtUp: number;
  missedSkipped: number;
  /** True when this invocation finished a whole cycle over jobs and schedules. */
  cycleCompleted: boolean;
}

const CONCURRENCY = 8;

async function inBatches<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let n = 0; n < items.length; n += CONCURRENCY)
    await Promise.all(items.slice(n, n + CONCURRENCY).map(work));
}

/**
 * Whether the registered schedule does what the job wants. A rate schedule's StartDate is only compared when
 * the job sets startAt itself; otherwise it is the grid point of the moment it was registered.
 */
function agrees(actual: RegisteredSchedule, wanted: ScheduleSpec, job: Job): boolean {
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

/**
 * Brings EventBridge Scheduler in line with the job table, the source of truth, and catches up on missed
 * fires. Two passes, page by page: every job against its schedule (create a missing one, fix one that
 * disagrees, delete one a completed job no longer needs; a fire missed for longer than `missedAfterMs` is
 * caught up once or recorded as skipped, per the job's misfire policy), then every schedule against its job
 * (delete orphans). It stops between pages when the invocation's time runs low and saves its cursor, so the
 * next invocation resumes where this one stopped; memory holds one page at a time.
 */
export async function reconcile(deps: ReconcileDeps, options: ReconcileOptions): Promise<ReconcileReport> {
  const pageSize = options.pageSize ?? 50;
  const reserveMs = options.reserveMs ?? 10_000;
  const missedAfterMs = options.missedAfterMs ?? 3 * 60_000;
  const report: ReconcileReport = {
    jobsChecked: 0,
    schedulesChecked: 0,
    created: 0,
    updated: 0,
    deleted: 0,
    caughtUp: 0,
    missedSkipped: 0,
    cycleCompleted: false,
  };
  const repaired = (kind: 'created' | 'updated' | 'deleted' | 'caughtUp' | 'missedSkipped') => {
    report[kind]++;
    deps.metrics.add(MetricName.ReconcilerRepairs, 1, 'Count');
  };
  let cursor: ReconcilerCursor = (await deps.state.load()) ?? {
    phase: 'jobs',
    cycleStartedAt: new Date(deps.clock.nowMs()).toISOString(),
  };
  const timeLeft = () => options.remainingMs() > reserveMs;

  while (cursor.phase === 'jobs' && timeLeft()) {
    const page = await deps.jobs.scan({
      limit: pageSize,
      ...(cursor.jobsCursor ? { cursor: cursor.jobsCursor } : {}),
    });
    await inBatches(page.items, async (job) => {
      report.jobsChecked++;
      await reconcileJob(deps, job, missedAfterMs, repaired);
    });
    const { jobsCursor: _done, ...rest } = cursor;
    cursor = page.nextCursor ? { ...rest, jobsCursor: page.nextCursor } : { ...rest, phase: 'schedules' };
    await deps.state.save(cursor);
  }

  while (cursor.phase === 'schedules' && timeLeft()) {
    const page = await deps.schedules.listNames(cursor.schedulesToken);
    const jobs = page.names.length > 0 ? await deps.jobs.getMany(page.names) : new Map<string, Job>();
    report.schedulesChecked += page.names.length;
    await inBatches(
      page.names.filter((name) => !jobs.has(name)),
      async (orphan) => {
        await deps.schedules.delete(orphan);
        repaired('deleted');
      },
    );
    if (page.nextToken) {
      cursor = { ...cursor, schedulesToken: page.nextToken };
      await deps.state.save(cursor);
    } else {
      await deps.state.save(undefined);
      report.cycleCompleted = true;
      break;
    }
  }
  return report;
}

async function reconcileJob(
  deps: ReconcileDeps,
  scanned: Job,
  missedAfterMs: number,
  repaired: (kind: 'created' | 'updated' | 'deleted' | 'caughtUp' | 'missedSkipped') => void,
): Promise<void> {
  const actual = await deps.schedules.describe(scanned.jobId);
  const repair = needsRepair(scanned, actual, deps.clock.nowMs());
  if (!repair && scanned.status !== 'ACTIVE') return;
  // The scan reads an eventually consistent index, and the API may be changing the job right now: decide a
  // repair on a fresh, consistent read, and never step on a schedule registered for a newer revision.
  const job = repair ? await deps.jobs.get(scanned.jobId) : scanned;
  if (!job) {
    if (actual) {
      await deps.schedules.delete(scanned.jobId);
      repaired('deleted');
    }
    return;
  }
  if (actual?.revision !== undefined && actual.revision > job.revision) return;
  const nowMs = deps.clock.nowMs();
  const parsed = parseSchedule(job.schedule);
  const wanted = scheduleSpecOf(job, parsed, nowMs);
  if (job.status === 'COMPLETED') {
    if (actual) {
      await deps.schedules.delete(job.jobId);
      repaired('deleted');
    }
    return;
  }
  if (!actual && !spent(job, nowMs)) {
    await deps.schedules.create(wanted);
    repaired('created');
  } else if (actual && !agrees(actual, wanted, job)) {
    await deps.schedules.update(wanted);
    repaired('updated');
  }
  if (job.status === 'ACTIVE') await catchUpMissedFire(deps, job, missedAfterMs, repaired);
}

/** A one-time schedule whose moment has passed deletes itself after firing: its absence is no drift. */
function spent(job: Job, nowMs: number): boolean {
  const parsed = parseSchedule(job.schedule);
  return parsed.kind === 'at'
    ? parsed.atMs <= nowMs
    : nextFireAfter(parsed, Date.parse(job.scheduleAnchorAt), nowMs) === undefined;
}

/** Whether the job's schedule looks wrong from the scan: missing, extra, or not what the job wants. */
function needsRepair(job: Job, actual: RegisteredSchedule | undefined, nowMs: number): boolean {
  if (job.status === 'COMPLETED') return actual !== undefined;
  if (!actual) return !spent(job, nowMs);
  return !agrees(actual, scheduleSpecOf(job, parseSchedule(job.schedule), nowMs), job);
}

/**
 * A job whose next run is well in the past with no run recorded missed a fire (its schedule was missing,
 * disabled by accident, or a fire was dropped). Under `fire_once` the latest missed fire is sent once, marked
 * as a catch-up; under `skip` it is recorded as SKIPPED. Either way the job's next run moves to the future,
 * so a reconcile never catches up twice.
 */
async function catchUpMissedFire(
  deps: ReconcileDeps,
  job: Job,
  missedAfterMs: number,
  repaired: (kind: 'caughtUp' | 'missedSkipped') => void,
): Promise<void> {
  const nowMs = deps.clock.nowMs();
  if (!job.nextRunAt || Date.parse(job.nextRunAt) > nowMs - missedAfterMs) return;
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
      repaired('caughtUp');
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
      repaired('missedSkipped');
    }
  }
  await deps.jobs.setNextRunAt(
    job.jobId,
    job.revision,
    nextMs === undefined ? undefined : new Date(nextMs).toISOString(),
  );
}
