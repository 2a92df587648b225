import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reconcile } from '../../../lambdas/use-cases/reconcile.js';
import type { ReconcilerState } from '../../../lambdas/use-cases/reconciler-ports.js';
import type { RecordingMetrics } from '../../support/in-memory-ports.js';
import { type InMemoryReconcilerIndex, InMemoryReconcilerState } from '../../support/in-memory-reconciler.js';
import { reconcilerTestbed } from '../../support/reconciler-testbed.js';
import { type inMemoryApiDeps, NOW } from '../../support/use-case-deps.js';

// The reconciler's edges: time running out, the per-run caps, what the report and the saved state say then.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** No name comparison cycle and no deep comparison: only what a test sets up runs. */
const quiet = { deepChecksPerRun: 0, namePassEveryMs: Number.POSITIVE_INFINITY };

/** The saved state, with every save kept (`pending` length while a name cycle runs, 'done' once it ended). */
class RecordedState extends InMemoryReconcilerState {
  readonly pendingAtSave: Array<number | 'done'> = [];
  override async save(next: ReconcilerState) {
    this.pendingAtSave.push(next.names ? next.names.pending.length : 'done');
    await super.save(next);
  }
}

type Testbed = ReturnType<typeof reconcilerTestbed<RecordedState>>;

describe('reconcile at its edges', () => {
  let env: ReturnType<typeof inMemoryApiDeps>;
  let index: InMemoryReconcilerIndex;
  let state: RecordedState;
  let metrics: RecordingMetrics;
  let run: Testbed['run'];
  let create: Testbed['create'];
  const shortRuns = () => metrics.names().filter((name) => name === 'ReconcilerBudgetShort').length;
  /** The newest minute the due pass checks now (every minute before it is wholly 3 minutes overdue). */
  const dueBefore = () => Math.floor((env.clock.now - 3 * MINUTE) / MINUTE) * MINUTE;
  /** 12 s left when the run starts, 10 s of them the reserve: time runs out after 2.5 s of work. */
  const twelveSecondsFromNow = () => {
    const startedAt = env.clock.now;
    return () => 12_000 - (env.clock.now - startedAt);
  };
  /** Every name prefix compared takes 2.5 s (the index read moves the clock). */
  const prefixesTake2500Ms = () => {
    const read = index.jobIdsWithPrefix.bind(index);
    index.jobIdsWithPrefix = async (prefix, limit) => {
      env.clock.advance(2_500);
      return read(prefix, limit);
    };
  };
  /** A name comparison cycle under way with `pending` left, and nothing due. */
  const cycleUnderWay = (pending: string[]) => {
    state.state = {
      dueCheckedBeforeMs: dueBefore(),
      names: { pending, startedAtMs: env.clock.now - 1_000 },
      namesLastStartedAtMs: env.clock.now - 1_000,
    };
  };

  beforeEach(() => {
    ({ env, index, state, metrics, run, create } = reconcilerTestbed(new RecordedState()));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  describe('time and the reserve', () => {
    it('a run with only its reserve left checks nothing, leaves the marks, and says it is behind', async () => {
      const job = await create({ schedule: { expression: 'rate(1 hour)' } });
      await index.mark(job.jobId, 'TimeoutError');
      const report = await run({ remainingMs: () => 10_000, reserveMs: 10_000 });
      expect(report).toMatchObject({
        marksRepaired: 0,
        dueBucketsChecked: 0,
        deepChecked: 0,
        prefixesCompared: 0,
        namePassCompleted: false,
        budgetShort: true,
      });
      expect(index.marks.get(job.jobId)).toBe('TimeoutError');
      expect(shortRuns()).toBe(1);
    });

    it('without a sleep of its own, waits for the Scheduler budget on a timer', async () => {
      vi.useFakeTimers({ now: NOW, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      for (let n = 0; n < 12; n++) {
        const stray = `01JSTRAY${String(n).padStart(18, '0')}`;
        env.schedules.schedules.set(stray, {
          jobId: stray,
          tenant: 'gone',
          revision: 1,
          expression: 'rate(1 hour)',
          timezone: 'UTC',
          oneTime: false,
          enabled: true,
        });
      }
      // 1 call a second, a burst of 10: the 11th, 12th and 13th calls (1 list, 12 deletes) wait 1 s each.
      const pending = reconcile(
        {
          jobs: env.jobs,
          runs: env.runs,
          schedules: env.schedules,
          dispatch: env.dispatch,
          state,
          index,
          clock: { nowMs: () => Date.now() },
          metrics,
        },
        { remainingMs: () => 60_000, schedulerRequestsPerSecond: 1, deepChecksPerRun: 0 },
      );
      let settled = false;
      void pending.then(() => {
        settled = true;
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(3_000);
      const report = await pending;
      expect(report).toMatchObject({ deleted: 12, budgetWaitMs: 3_000, namePassCompleted: true });
      expect(Date.now() - NOW).toBe(3_000);
    });
  });

  describe('the repair marks', () => {
    it('a marked job whose check fails again stays marked, with the error named in the reason', async () => {
      const job = await create();
      await index.mark(job.jobId, 'TimeoutError');
      const get = env.jobs.get.bind(env.jobs);
      env.jobs.get = async (jobId) => {
        if (jobId === job.jobId)
          throw Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' });
        return get(jobId);
      };
      const report = await run(quiet);
      expect(report).toMatchObject({ marksRepaired: 0, checkFailures: 1 });
      expect(index.marks.get(job.jobId)).toContain('ProvisionedThroughputExceededException');
    });
  });

  describe('the due pass', () => {
    it('checks exactly the 6 hours of minutes a first run looks back, and is not behind', async () => {
      const report = await run(quiet);
      expect(report).toMatchObject({
        dueBucketsChecked: 360,
        budgetShort: false,
        namePassCompleted: false,
        deepPassCompleted: false,
      });
      expect(state.state?.dueCheckedBeforeMs).toBe(dueBefore());
      expect(shortRuns()).toBe(0);
    });

    it('checks at most dueBucketsPerRun minutes, says it is behind, and the next run goes on from there', async () => {
      state.state = { dueCheckedBeforeMs: dueBefore() - 5 * MINUTE };
      const first = await run({ ...quiet, dueBucketsPerRun: 3 });
      expect(first).toMatchObject({ dueBucketsChecked: 3, budgetShort: true });
      expect(state.state?.dueCheckedBeforeMs).toBe(dueBefore() - 2 * MINUTE);
      expect(shortRuns()).toBe(1);
      const second = await run({ ...quiet, dueBucketsPerRun: 3 });
      expect(second).toMatchObject({ dueBucketsChecked: 2, budgetShort: false });
      expect(shortRuns()).toBe(1);
    });

    it('catches up every job of a minute holding more ids than one BatchGetItem takes, 100 at most a read', async () => {
      for (let n = 0; n < 150; n++) await create({ schedule: { expression: 'rate(1 hour)' } });
      env.clock.advance(HOUR + 4 * MINUTE); // every 11:00 fire dropped
      const asked: number[] = [];
      const getMany = env.jobs.getMany.bind(env.jobs);
      env.jobs.getMany = async (jobIds) => {
        asked.push(jobIds.length);
        return getMany(jobIds);
      };
      const report = await run(quiet);
      expect(report).toMatchObject({ dueJobsChecked: 150, caughtUp: 150 });
      expect(new Set(env.dispatch.messages.map((message) => message.jobId)).size).toBe(150);
      expect(Math.max(...asked)).toBeLessThanOrEqual(100);
    });

    it('leaves alone a job the due index still lists after its next run moved on', async () => {
      const dropped = await create({ schedule: { expression: 'rate(1 hour)' } });
      const movedOn = await create({ schedule: { expression: 'rate(1 hour)' } });
      env.clock.advance(HOUR + 4 * MINUTE);
      await env.jobs.setNextRunAt(movedOn.jobId, 1, '2026-11-27T12:00:00.000Z');
      // An index entry not yet updated: the 11:00 minute still lists the job that ran.
      const dueJobIds = index.dueJobIds.bind(index);
      index.dueJobIds = async (minuteStartMs) => {
        const ids = await dueJobIds(minuteStartMs);
        return ids.length > 0 ? [...ids, movedOn.jobId] : ids;
      };
      const report = await run(quiet);
      expect(report).toMatchObject({ dueJobsChecked: 1, caughtUp: 1 });
      expect(report.schedulerCalls.GetSchedule).toBe(1);
      expect(env.dispatch.messages.map((message) => message.jobId)).toEqual([dropped.jobId]);
    });
  });

  describe('the deep comparison', () => {
    it('with no deep checks per run, reads no page of jobs and completes no pass', async () => {
      await create();
      let scans = 0;
      const scan = env.jobs.scan.bind(env.jobs);
      env.jobs.scan = async (page) => {
        scans++;
        return scan(page);
      };
      const report = await run(quiet);
      expect(scans).toBe(0);
      expect(report).toMatchObject({ deepChecked: 0, deepPassCompleted: false, budgetShort: false });
    });

    it('a deep pass that reaches the end with checks to spare is not behind', async () => {
      for (let n = 0; n < 3; n++) await create();
      const report = await run({ namePassEveryMs: Number.POSITIVE_INFINITY });
      expect(report).toMatchObject({ deepChecked: 3, deepPassCompleted: true, budgetShort: false });
      expect(shortRuns()).toBe(0);
    });

    it('a deep pass that used its allowance before the end is not behind: the next run goes on', async () => {
      for (let n = 0; n < 5; n++) await create();
      const report = await run({ deepChecksPerRun: 2, namePassEveryMs: Number.POSITIVE_INFINITY });
      expect(report).toMatchObject({ deepChecked: 2, deepPassCompleted: false, budgetShort: false });
      expect(shortRuns()).toBe(0);
    });

    it('a deep pass left undone because time ran out says it is behind', async () => {
      for (let n = 0; n < 3; n++) await create();
      state.state = { dueCheckedBeforeMs: dueBefore() - MINUTE };
      const dueJobIds = index.dueJobIds.bind(index);
      index.dueJobIds = async (minuteStartMs) => {
        env.clock.advance(2_500); // the last due minute uses the time up
        return dueJobIds(minuteStartMs);
      };
      const report = await run({
        namePassEveryMs: Number.POSITIVE_INFINITY,
        remainingMs: twelveSecondsFromNow(),
      });
      expect(report).toMatchObject({
        dueBucketsChecked: 1,
        deepChecked: 0,
        deepPassCompleted: false,
        budgetShort: true,
      });
      expect(shortRuns()).toBe(1);
    });
  });

  describe('the name comparison', () => {
    it('starts a cycle an hour after the last one started, not a minute sooner', async () => {
      await create();
      env.clock.advance(2 * MINUTE);
      expect(await run({ deepChecksPerRun: 0 })).toMatchObject({
        prefixesCompared: 1,
        namesCompared: 2, // one job id and its schedule's name
        namePassCompleted: true,
      });
      env.clock.advance(59 * MINUTE);
      expect(await run({ deepChecksPerRun: 0 })).toMatchObject({
        prefixesCompared: 0,
        namePassCompleted: false,
      });
      env.clock.advance(MINUTE);
      expect(await run({ deepChecksPerRun: 0 })).toMatchObject({
        prefixesCompared: 1,
        namePassCompleted: true,
      });
    });

    it('walks the prefixes of a split group in name order', async () => {
      for (let n = 0; n < 3; n++) await create();
      env.clock.advance(2 * MINUTE);
      const asked: string[] = [];
      const read = index.jobIdsWithPrefix.bind(index);
      index.jobIdsWithPrefix = async (prefix, limit) => {
        asked.push(prefix);
        return read(prefix, limit);
      };
      const report = await run({ deepChecksPerRun: 0, nameChunk: 1 });
      expect(report).toMatchObject({ namePassCompleted: true, namesCompared: 6, created: 0, deleted: 0 });
      expect(asked.length).toBeGreaterThan(65);
      expect(asked).toEqual([...asked].sort());
    });

    it('saves its place every 5 s and when its stack empties, not after every prefix', async () => {
      cycleUnderWay(['g', 'f', 'e', 'd', 'c', 'b', 'a']);
      prefixesTake2500Ms();
      const report = await run(quiet);
      expect(report).toMatchObject({ prefixesCompared: 7, namePassCompleted: true, budgetShort: false });
      // 5 s after the start, after the 2nd prefix; then after the 4th and the 6th; the 7th empties the stack.
      expect(state.pendingAtSave).toEqual([5, 3, 1, 0, 'done']);
    });

    it('saves its place when time runs out, says it is behind, and the next run resumes there', async () => {
      cycleUnderWay(['g', 'f', 'e', 'd', 'c', 'b', 'a']);
      prefixesTake2500Ms();
      const report = await run({ ...quiet, remainingMs: twelveSecondsFromNow() });
      expect(report).toMatchObject({ prefixesCompared: 1, namePassCompleted: false, budgetShort: true });
      expect(state.pendingAtSave).toEqual([6]);
      expect(state.state?.names?.pending).toEqual(['g', 'f', 'e', 'd', 'c', 'b']);
      expect(shortRuns()).toBe(1);
      const next = await run(quiet);
      expect(next).toMatchObject({ prefixesCompared: 6, namePassCompleted: true });
    });

    it('a run that finishes the name comparison just as its time runs out is not behind', async () => {
      cycleUnderWay(['a']);
      prefixesTake2500Ms();
      const report = await run({ ...quiet, remainingMs: twelveSecondsFromNow() });
      expect(report).toMatchObject({ prefixesCompared: 1, namePassCompleted: true, budgetShort: false });
      expect(state.pendingAtSave).toEqual([0, 'done']);
      expect(shortRuns()).toBe(0);
    });
  });
});
