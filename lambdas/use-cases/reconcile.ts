import { MetricName } from '../domain/metrics.js';
import { childPrefixes, compareNames } from './name-comparison.js';
import type { Clock, DispatchQueue, JobStore, Metrics, RunStore, ScheduleRegistry } from './ports.js';
import { checkJob, checkJobById, type JobCheckDeps, overdue, type Repair } from './reconcile-job.js';
import type { ReconcilerIndex, ReconcilerState, ReconcilerStateStore } from './reconciler-ports.js';
import { budgeted, SchedulerBudget, type SchedulerOperation } from './scheduler-budget.js';

export interface ReconcileDeps {
  readonly jobs: JobStore;
  readonly runs: RunStore;
  readonly schedules: ScheduleRegistry;
  readonly dispatch: DispatchQueue;
  readonly state: ReconcilerStateStore;
  readonly index: ReconcilerIndex;
  readonly clock: Clock;
  readonly metrics: Metrics;
  /** Waits `ms` (the budget's waits); a test moves its clock instead. @default a timer */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface ReconcileOptions {
  /** Stop starting new work when less than `reserveMs` is left of the invocation. */
  readonly remainingMs: () => number;
  readonly reserveMs?: number;
  /** A fire is missed once its scheduled time is this far in the past with no run. @default 3 minutes */
  readonly missedAfterMs?: number;
  /** Every Scheduler call of this invocation shares this rate. @default 10 */
  readonly schedulerRequestsPerSecond?: number;
  /** GetSchedule calls the rolling deep comparison may make per invocation. @default 100 */
  readonly deepChecksPerRun?: number;
  /** A new name comparison cycle starts this long after the last one started. @default 1 hour */
  readonly namePassEveryMs?: number;
  /**
   * Most job ids compared under one name prefix at once (larger prefixes are split). Large, so that a split
   * (65 longer prefixes, each a ListSchedules call even when empty) is rare: 10,000 ids and 20,000 names are
   * about 2 MB. @default 10000
   */
  readonly nameChunk?: number;
  /** How far back a due pass with no saved state starts. @default 6 hours */
  readonly dueLookbackMs?: number;
  /** Minute buckets of the due index checked per invocation at most (a backlog takes several). @default 360 */
  readonly dueBucketsPerRun?: number;
  /** Repair marks handled per invocation at most. @default 100 */
  readonly marksPerRun?: number;
}

export interface ReconcileReport {
  marksRepaired: number;
  dueBucketsChecked: number;
  dueJobsChecked: number;
  prefixesCompared: number;
  namesCompared: number;
  /** True when this invocation finished a name comparison cycle. */
  namePassCompleted: boolean;
  deepChecked: number;
  /** True when this invocation's deep comparison reached the end of the jobs (the next starts over). */
  deepPassCompleted: boolean;
  created: number;
  updated: number;
  deleted: number;
  caughtUp: number;
  missedSkipped: number;
  schedulerCalls: Record<SchedulerOperation, number>;
  /** Milliseconds spent waiting for the Scheduler budget. */
  budgetWaitMs: number;
  /** True when work was left for the next invocation because time ran out (the budget was short). */
  budgetShort: boolean;
  /** Jobs whose check failed this run: left marked for repair, so one bad job never stalls a pass. */
  checkFailures: number;
}

const MINUTE_MS = 60_000;
const BATCH = 100;
const CONCURRENCY = 8;
const NAME_SAVE_EVERY_MS = 5_000;

async function inBatches<T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<void> {
  for (let n = 0; n < items.length; n += CONCURRENCY)
    await Promise.all(items.slice(n, n + CONCURRENCY).map(work));
}

/**
 * Brings EventBridge Scheduler in line with the job table (the source of truth) and catches up missed fires,
 * with work that grows with what is due or wrong, not with every job. In order, while time is left:
 * 1. jobs marked for repair when a schedule write failed or was unsure (checked one by one);
 * 2. the due pass: each minute of the due index from the last one checked up to now − `missedAfterMs`
 *    (only ACTIVE jobs whose next run never moved on are in it: those missed a fire);
 * 3. the deep comparison, a rolling walk over every job, `deepChecksPerRun` GetSchedule calls per invocation;
 * 4. the name comparison, once per `namePassEveryMs`: job ids against schedule names, prefix by prefix.
 * Every Scheduler call goes through one rate budget; each pass saves where it stands, so the next
 * invocation resumes there.
 */
export async function reconcile(deps: ReconcileDeps, options: ReconcileOptions): Promise<ReconcileReport> {
  const reserveMs = options.reserveMs ?? 10_000;
  const missedAfterMs = options.missedAfterMs ?? 3 * MINUTE_MS;
  const budget = new SchedulerBudget(
    options.schedulerRequestsPerSecond ?? 10,
    deps.clock,
    deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  );
  const report: ReconcileReport = {
    marksRepaired: 0,
    dueBucketsChecked: 0,
    dueJobsChecked: 0,
    prefixesCompared: 0,
    namesCompared: 0,
    namePassCompleted: false,
    deepChecked: 0,
    deepPassCompleted: false,
    created: 0,
    updated: 0,
    deleted: 0,
    caughtUp: 0,
    missedSkipped: 0,
    schedulerCalls: budget.calls,
    budgetWaitMs: 0,
    // Stryker disable next-line BooleanLiteral: always set from what was left undone before the report is returned
    budgetShort: false,
    checkFailures: 0,
  };
  const check: JobCheckDeps & { index: ReconcilerIndex } = {
    jobs: deps.jobs,
    runs: deps.runs,
    schedules: budgeted(deps.schedules, budget),
    dispatch: deps.dispatch,
    clock: deps.clock,
    index: deps.index,
    missedAfterMs,
    repaired: (repair: Repair) => {
      report[repair]++;
      deps.metrics.add(MetricName.ReconcilerRepairs, 1, 'Count');
    },
  };
  // One job's failure (a throttled read, an item that does not parse) must not stop the passes for every other
  // job: the job is marked for repair instead, so the next run's first step tries it again. Only a failure to
  // leave the mark ends the run (it is then retried whole, from the saved state).
  const checkOrMark = async (jobId: string, run: () => Promise<void>): Promise<boolean> => {
    try {
      await run();
      return true;
    } catch (error) {
      report.checkFailures++;
      deps.metrics.add(MetricName.ReconcilerCheckFailures, 1, 'Count');
      await deps.index.mark(jobId, `reconciler check failed: ${(error as Error).name}`);
      return false;
    }
  };
  const timeLeft = () => options.remainingMs() > reserveMs;
  let state: ReconcilerState = (await deps.state.load()) ?? {};
  let savedAtMs = deps.clock.nowMs();
  const save = async (next: ReconcilerState) => {
    state = next;
    savedAtMs = deps.clock.nowMs();
    await deps.state.save(state);
  };

  // 1. Marked jobs first: a failed write is repaired within a minute, whatever the passes below cost.
  const marks = await deps.index.marked(options.marksPerRun ?? 100);
  for (const jobId of marks) {
    if (!timeLeft()) break;
    if (!(await checkOrMark(jobId, () => checkJobById(check, jobId)))) continue;
    await deps.index.unmark(jobId);
    report.marksRepaired++;
  }

  // 2. The due pass: only minutes wholly older than now − missedAfter, so everything in them is overdue.
  const dueBefore = Math.floor((deps.clock.nowMs() - missedAfterMs) / MINUTE_MS) * MINUTE_MS;
  let bucket = state.dueCheckedBeforeMs ?? dueBefore - (options.dueLookbackMs ?? 6 * 60 * MINUTE_MS);
  const maxBuckets = options.dueBucketsPerRun ?? 360;
  while (bucket < dueBefore && report.dueBucketsChecked < maxBuckets && timeLeft()) {
    const ids = await deps.index.dueJobIds(bucket);
    for (let n = 0; n < ids.length; n += BATCH) {
      // Fresh reads: a job whose next run moved on since the index was written is left alone.
      const jobs = [...(await deps.jobs.getMany(ids.slice(n, n + BATCH))).values()];
      const missed = jobs.filter((job) => overdue(job, deps.clock.nowMs(), missedAfterMs));
      report.dueJobsChecked += missed.length;
      await inBatches(missed, (job) => checkOrMark(job.jobId, () => checkJob(check, job)));
    }
    bucket += MINUTE_MS;
    report.dueBucketsChecked++;
    await save({ ...state, dueCheckedBeforeMs: bucket });
  }
  const dueBehind = bucket < dueBefore;

  // 3. The deep comparison: a bounded number of full checks, where the last invocation stopped.
  let deepLeft = options.deepChecksPerRun ?? 100;
  while (deepLeft > 0 && timeLeft()) {
    const page = await deps.jobs.scan({
      limit: Math.min(deepLeft, BATCH),
      ...(state.deepCursor ? { cursor: state.deepCursor } : {}),
    });
    await inBatches(page.items, (job) => checkOrMark(job.jobId, () => checkJob(check, job)));
    report.deepChecked += page.items.length;
    deepLeft -= Math.max(page.items.length, 1);
    const { deepCursor: _old, ...rest } = state;
    await save(page.nextCursor ? { ...rest, deepCursor: page.nextCursor } : rest);
    if (!page.nextCursor) {
      report.deepPassCompleted = true;
      break;
    }
  }

  // 4. The name comparison, with the time that is left, one prefix at a time (a depth-first walk; the
  // pending stack is the cursor).
  const nowMs = deps.clock.nowMs();
  const namePassEveryMs = options.namePassEveryMs ?? 60 * MINUTE_MS;
  if (!state.names && nowMs - (state.namesLastStartedAtMs ?? 0) >= namePassEveryMs) {
    await save({
      ...state,
      // The whole group at once when it is small; split into longer prefixes only when it is not.
      names: { pending: [''], startedAtMs: nowMs },
      namesLastStartedAtMs: nowMs,
    });
  }
  while (state.names && state.names.pending.length > 0 && timeLeft()) {
    const pending = [...state.names.pending];
    const prefix = pending.pop() as string;
    const result = await compareNames(check, prefix, options.nameChunk ?? 10_000);
    if (result === 'split') pending.push(...childPrefixes(prefix).reverse());
    else {
      report.prefixesCompared++;
      report.namesCompared += result.compared;
    }
    // Saved every few seconds, not after every prefix: a prefix compared twice after a crash costs a few
    // calls, while the pending stack is kilobytes of write units each time.
    const next: ReconcilerState = { ...state, names: { ...state.names, pending } };
    if (deps.clock.nowMs() - savedAtMs >= NAME_SAVE_EVERY_MS || pending.length === 0 || !timeLeft())
      await save(next);
    else state = next;
  }
  if (state.names && state.names.pending.length === 0) {
    const { names: _done, ...rest } = state;
    await save(rest);
    report.namePassCompleted = true;
  }
  const namesBehind = state.names !== undefined;

  report.budgetWaitMs = budget.waitedMs;
  report.budgetShort =
    dueBehind || (namesBehind && !timeLeft()) || (deepLeft > 0 && !report.deepPassCompleted);
  if (report.budgetShort) deps.metrics.add(MetricName.ReconcilerBudgetShort, 1, 'Count');
  return report;
}
