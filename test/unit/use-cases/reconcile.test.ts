import { beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../../lambdas/domain/job.js';
import type { ScheduleSpec } from '../../../lambdas/use-cases/ports.js';
import { pauseJob } from '../../../lambdas/use-cases/update-job.js';
import type { RecordingMetrics } from '../../support/in-memory-ports.js';
import { type InMemoryReconcilerIndex, InMemoryReconcilerState } from '../../support/in-memory-reconciler.js';
import { reconcilerTestbed } from '../../support/reconciler-testbed.js';
import type { inMemoryApiDeps } from '../../support/use-case-deps.js';

const HOUR = 3_600_000;

type Testbed = ReturnType<typeof reconcilerTestbed<InMemoryReconcilerState>>;

describe('reconcile', () => {
  let env: ReturnType<typeof inMemoryApiDeps>;
  let index: InMemoryReconcilerIndex;
  let state: InMemoryReconcilerState;
  let metrics: RecordingMetrics;
  let run: Testbed['run'];
  let create: Testbed['create'];
  const registered = (jobId: string) => env.schedules.schedules.get(jobId) as ScheduleSpec;

  beforeEach(() => {
    ({ env, index, state, metrics, run, create } = reconcilerTestbed(new InMemoryReconcilerState()));
  });

  describe('the name comparison', () => {
    it('recreates a missing schedule and deletes an orphan with a GetSchedule for the missing job only', async () => {
      const jobs: Job[] = [];
      for (let n = 0; n < 30; n++) jobs.push(await create({ schedule: { expression: 'rate(1 hour)' } }));
      const missing = jobs[7] as Job;
      env.schedules.schedules.delete(missing.jobId);
      env.schedules.schedules.set('01JORPHANORPHANORPHANORPHA', {
        ...registered(jobs[0]?.jobId ?? ''),
        jobId: '01JORPHANORPHANORPHANORPHA',
      });
      env.clock.advance(2 * 60_000); // past the in-flight grace, before any fire is overdue
      const report = await run({ deepChecksPerRun: 0 });
      expect(report).toMatchObject({ created: 1, deleted: 1, namePassCompleted: true, caughtUp: 0 });
      expect(report.schedulerCalls.GetSchedule).toBe(1);
      expect(registered(missing.jobId)).toMatchObject({
        expression: 'rate(1 hour)',
        revision: 1,
        enabled: true,
      });
      expect(env.schedules.schedules.has('01JORPHANORPHANORPHANORPHA')).toBe(false);
      expect(metrics.names().filter((name) => name === 'ReconcilerRepairs')).toHaveLength(2);
      // The next cycle starts an hour after this one: nothing compared meanwhile.
      expect(await run({ deepChecksPerRun: 0 })).toMatchObject({ prefixesCompared: 0, created: 0 });
    });

    it('recreates the missing schedule of a future one-time job, and leaves a spent one alone', async () => {
      const future = await create({ schedule: { expression: 'at(2026-11-28T10:30:00)' } });
      const spent = await create({ schedule: { expression: 'at(2026-11-27T10:01:00)' } });
      env.schedules.schedules.delete(future.jobId);
      env.schedules.schedules.delete(spent.jobId); // deleted by Scheduler after it fired
      env.clock.advance(2 * 60_000);
      const report = await run({ deepChecksPerRun: 0 });
      expect(report).toMatchObject({ created: 1 });
      expect(registered(future.jobId)).toMatchObject({
        expression: 'at(2026-11-28T10:30:00)',
        oneTime: true,
      });
      expect(env.schedules.schedules.has(spent.jobId)).toBe(false);
    });

    it('pages through more than one page of schedule names under a prefix, and splits a prefix too large to hold', async () => {
      for (let n = 0; n < 250; n++) await create({ schedule: { expression: '0 3 * * *' } });
      const strays = ['01JZZZZZZZZZZZZZZZZZZZZZZY', '01JZZZZZZZZZZZZZZZZZZZZZZZ'];
      for (const stray of strays)
        env.schedules.schedules.set(stray, {
          ...registered([...env.jobs.jobs.keys()][0] ?? ''),
          jobId: stray,
        });
      env.clock.advance(2 * 60_000);
      const whole = await run({ deepChecksPerRun: 0 });
      expect(whole).toMatchObject({ deleted: 2, created: 0 });
      expect(env.schedules.calls.listNames).toBe(3); // 252 names in the whole group: three pages
      for (const stray of strays) expect(env.schedules.schedules.has(stray)).toBe(false);
      // The same, with prefixes of at most 40 ids: split into longer prefixes, every name still compared once.
      env.clock.advance(HOUR);
      const split = await run({ deepChecksPerRun: 0, nameChunk: 40 });
      expect(split.namePassCompleted).toBe(true);
      expect(split.namesCompared).toBe(2 * 250);
      expect(split.schedulerCalls.GetSchedule).toBe(0);
    });

    it('gives a job stored before id items were kept its id item, and never deletes its schedule', async () => {
      const old = await create();
      index.withoutIdItem.add(old.jobId);
      env.clock.advance(2 * 60_000);
      const report = await run({ deepChecksPerRun: 0 });
      expect(report.deleted).toBe(0);
      expect(env.schedules.schedules.has(old.jobId)).toBe(true);
      expect(index.withoutIdItem.has(old.jobId)).toBe(false);
    });
  });

  describe('the due pass', () => {
    it('catches up a dropped fire of an intact ACTIVE job once, without reading any job that is not overdue', async () => {
      const dropped = await create({ schedule: { expression: 'rate(1 hour)' } });
      for (let n = 0; n < 20; n++) await create({ schedule: { expression: 'rate(1 hour)' } });
      // Every job but one ran at 11:00 and moved on; the fire of `dropped` never came.
      env.clock.advance(HOUR + 4 * 60_000);
      for (const job of env.jobs.jobs.values())
        if (job.jobId !== dropped.jobId)
          await env.jobs.setNextRunAt(job.jobId, 1, '2026-11-27T12:00:00.000Z');
      await run({ deepChecksPerRun: 0, namePassEveryMs: 100 * HOUR });
      // The first run only starts the due pass's cursor; nothing was due before.
      const report = await run({ deepChecksPerRun: 0, namePassEveryMs: 100 * HOUR });
      const both = [report];
      expect(env.dispatch.messages).toEqual([
        {
          jobId: dropped.jobId,
          tenant: 't',
          revision: 1,
          scheduledTime: '2026-11-27T11:00:00.000Z',
          catchUp: true,
        },
      ]);
      expect(both.reduce((sum, r) => sum + r.schedulerCalls.GetSchedule, 0)).toBeLessThanOrEqual(1);
      expect((await env.jobs.get(dropped.jobId))?.nextRunAt).toBe('2026-11-27T12:00:00.000Z');
      env.clock.advance(60_000);
      await run({ deepChecksPerRun: 0, namePassEveryMs: 100 * HOUR });
      expect(env.dispatch.messages).toHaveLength(1);
    });

    it('goes on past a job whose check fails, leaves that job marked, and catches it up first on the next run', async () => {
      const failing = await create({ schedule: { expression: 'rate(1 hour)' } });
      const healthy = await create({ schedule: { expression: 'rate(1 hour)' } });
      const quiet = { deepChecksPerRun: 0, namePassEveryMs: 100 * HOUR };
      env.clock.advance(HOUR + 4 * 60_000); // both 11:00 fires dropped
      const send = env.dispatch.send.bind(env.dispatch);
      env.dispatch.send = async (message) => {
        if (message.jobId === failing.jobId)
          throw Object.assign(new Error('throttled'), { name: 'Throttled' });
        await send(message);
      };
      const report = await run(quiet);
      expect(report.checkFailures).toBe(1);
      expect(env.dispatch.messages.map((message) => message.jobId)).toEqual([healthy.jobId]);
      expect(await index.marked(10)).toEqual([failing.jobId]);
      expect(metrics.names()).toContain('ReconcilerCheckFailures');

      env.dispatch.send = send; // the queue recovers
      env.clock.advance(60_000);
      const next = await run(quiet);
      expect(next).toMatchObject({ marksRepaired: 1, checkFailures: 0 });
      expect(env.dispatch.messages.map((message) => message.jobId)).toEqual([healthy.jobId, failing.jobId]);
      expect(await index.marked(10)).toEqual([]);
    });

    it('checks a minute only once everything in it is overdue, so a run every minute misses none', async () => {
      const job = await create({ schedule: { expression: 'rate(1 hour)' } });
      await env.jobs.setNextRunAt(job.jobId, 1, '2026-11-27T11:00:00.000Z'); // the 10:00 fire ran
      const quiet = { deepChecksPerRun: 0, namePassEveryMs: 100 * HOUR };
      env.clock.advance(HOUR - 60_000);
      await run(quiet); // 10:59: the cursor starts
      // The 11:00 fire never comes; runs every minute from 11:00 find it once it is 3 minutes overdue.
      const caughtAt: number[] = [];
      for (let minute = 0; minute < 6; minute++) {
        env.clock.advance(60_000);
        if ((await run(quiet)).caughtUp > 0) caughtAt.push(minute);
      }
      expect(caughtAt).toEqual([4]); // 11:04: the first run at which all of the 11:00 minute is 3 minutes overdue
      expect(env.dispatch.messages).toHaveLength(1);
    });

    it('catches up every overdue job of a minute holding more than one batch', async () => {
      for (let n = 0; n < 20; n++) await create({ schedule: { expression: 'rate(1 hour)' } });
      for (const job of env.jobs.jobs.values()) env.schedules.schedules.delete(job.jobId);
      env.clock.advance(HOUR + 4 * 60_000);
      const report = await run({ deepChecksPerRun: 0, namePassEveryMs: 100 * HOUR });
      expect(report).toMatchObject({ dueJobsChecked: 20, caughtUp: 20, created: 20 });
      expect(new Set(env.dispatch.messages.map((message) => message.jobId)).size).toBe(20);
    });

    it('records a missed fire as SKIPPED under the skip policy, with no fire', async () => {
      const job = await create({ schedule: { expression: 'rate(1 hour)' }, misfirePolicy: 'skip' });
      env.schedules.schedules.delete(job.jobId);
      env.clock.advance(2 * HOUR + 60_000);
      const report = await run({ deepChecksPerRun: 0, namePassEveryMs: 100 * HOUR });
      expect(report).toMatchObject({ caughtUp: 0, missedSkipped: 1 });
      expect(env.dispatch.messages).toEqual([]);
      expect(await env.runs.get(job.jobId, '2026-11-27T12:00:00.000Z')).toMatchObject({ status: 'SKIPPED' });
    });

    it('does not catch up a fire that ran when only the job’s next run lagged', async () => {
      const job = await create({ schedule: { expression: 'rate(1 hour)' } });
      env.clock.advance(HOUR + 4 * 60_000);
      await env.runs.recordSkip({
        jobId: job.jobId,
        runId: '2026-11-27T11:00:00.000Z',
        scheduledTime: '2026-11-27T11:00:00.000Z',
        trigger: 'schedule',
        reason: 'paused',
        nowMs: env.clock.now,
      });
      expect(await run({ deepChecksPerRun: 0 })).toMatchObject({ caughtUp: 0, missedSkipped: 0 });
    });
  });

  describe('the deep comparison', () => {
    it.each([
      ['expression', { expression: 'rate(2 hours)' }],
      ['time zone', { timezone: 'Europe/Berlin' }],
      ['revision', { revision: 0 }],
      ['window', { endAt: '2027-01-01T00:00:00.000Z' }],
      ['state', { enabled: false }],
    ])('repairs a schedule that differs from its job in its %s only', async (_field, drift) => {
      const job = await create({ schedule: { expression: 'rate(1 hour)' } });
      env.schedules.schedules.set(job.jobId, { ...registered(job.jobId), ...drift });
      const report = await run({ namePassEveryMs: 100 * HOUR });
      expect(report).toMatchObject({ updated: 1, deepChecked: 1, deepPassCompleted: true });
      expect(registered(job.jobId)).toMatchObject({
        expression: 'rate(1 hour)',
        timezone: 'UTC',
        revision: 1,
        enabled: true,
      });
      expect(registered(job.jobId).endAt).toBeUndefined();
    });

    it('walks a bounded number of jobs per run and resumes where it stopped', async () => {
      for (let n = 0; n < 25; n++) await create();
      const first = await run({ deepChecksPerRun: 10, namePassEveryMs: 100 * HOUR });
      expect(first).toMatchObject({ deepChecked: 10, deepPassCompleted: false });
      expect(first.schedulerCalls.GetSchedule).toBe(10);
      const second = await run({ deepChecksPerRun: 10, namePassEveryMs: 100 * HOUR });
      const third = await run({ deepChecksPerRun: 10, namePassEveryMs: 100 * HOUR });
      expect(second.deepChecked + third.deepChecked).toBe(15);
      expect(third.deepPassCompleted).toBe(true);
    });

    it('acts on a fresh read: no schedule for a job deleted after the scan, no downgrade of a newer revision', async () => {
      const deleted = await create();
      const updated = await create();
      env.schedules.schedules.delete(deleted.jobId);
      const stale = { ...(env.jobs.jobs.get(updated.jobId) as Job) };
      env.jobs.scan = async () => ({ items: [structuredClone(deleted), stale] });
      env.jobs.jobs.delete(deleted.jobId);
      env.schedules.schedules.set(updated.jobId, {
        ...registered(updated.jobId),
        revision: 2,
        expression: 'rate(7 minutes)',
      });
      env.jobs.jobs.set(updated.jobId, {
        ...stale,
        revision: 2,
        schedule: { expression: 'rate(7 minutes)', timezone: 'UTC' },
      });
      const report = await run({ namePassEveryMs: 100 * HOUR });
      expect(report).toMatchObject({ created: 0, updated: 0 });
      expect(env.schedules.schedules.has(deleted.jobId)).toBe(false);
      expect(registered(updated.jobId)).toMatchObject({ revision: 2, expression: 'rate(7 minutes)' });
    });

    it('never puts back the schedule of a paused job as enabled, and deletes a completed job’s', async () => {
      const paused = await create();
      await pauseJob(env.deps, 't', paused.jobId);
      const done = await create();
      env.jobs.jobs.set(done.jobId, { ...(env.jobs.jobs.get(done.jobId) as Job), status: 'COMPLETED' });
      env.schedules.schedules.set(paused.jobId, { ...registered(paused.jobId), enabled: true });
      const report = await run({ namePassEveryMs: 100 * HOUR });
      expect(report).toMatchObject({ updated: 1, deleted: 1 });
      expect(registered(paused.jobId).enabled).toBe(false);
      expect(env.schedules.schedules.has(done.jobId)).toBe(false);
    });
  });

  describe('the repair marks', () => {
    it('marks a job whose schedule write failed and whose rollback failed too, and repairs it first', async () => {
      env.schedules.failNext.add('create');
      env.jobs.delete = async () => {
        throw new Error('DynamoDB unavailable');
      };
      await expect(create()).rejects.toMatchObject({ status: 503 });
      const [jobId] = [...env.jobs.jobs.keys()];
      expect(index.marks.get(jobId ?? '')).toBe('ThrottlingException');
      const report = await run({ deepChecksPerRun: 0, namePassEveryMs: 100 * HOUR });
      expect(report).toMatchObject({ marksRepaired: 1, created: 1 });
      expect(env.schedules.schedules.has(jobId ?? '')).toBe(true);
      expect(index.marks.size).toBe(0);
    });

    it('deletes the schedule of a marked job that is gone (a create that timed out after all)', async () => {
      const job = await create();
      env.jobs.jobs.delete(job.jobId);
      await index.mark(job.jobId, 'TimeoutError');
      const report = await run({ deepChecksPerRun: 0, namePassEveryMs: 100 * HOUR });
      expect(report).toMatchObject({ marksRepaired: 1, deleted: 1 });
      expect(env.schedules.schedules.has(job.jobId)).toBe(false);
    });

    it('does not mark a schedule Scheduler refused: nothing changed there', async () => {
      env.schedules.create = async () => {
        const { ScheduleRefusedError } = await import('../../../lambdas/use-cases/ports.js');
        throw new ScheduleRefusedError('Invalid time zone.');
      };
      await expect(create()).rejects.toMatchObject({ status: 400 });
      expect(index.marks.size).toBe(0);
    });
  });

  describe('the Scheduler budget', () => {
    it('slows a pass down to the budget instead of failing, says so, and resumes next run', async () => {
      for (let n = 0; n < 30; n++) {
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
      const startedAt = env.clock.now;
      // 2 requests a second and 12 s of invocation (10 s held in reserve): about 4 calls fit.
      const short = await run({
        schedulerRequestsPerSecond: 2,
        deepChecksPerRun: 0,
        nameChunk: 1,
        remainingMs: () => 22_000 - (env.clock.now - startedAt),
      });
      expect(short.budgetShort).toBe(true);
      expect(short.budgetWaitMs).toBeGreaterThan(0);
      expect(short.deleted).toBeLessThan(30);
      expect(metrics.names()).toContain('ReconcilerBudgetShort');
      expect(state.state?.names?.pending.length).toBeGreaterThan(0);
      let deleted = short.deleted;
      for (let runs = 0; runs < 30 && env.schedules.schedules.size > 0; runs++) {
        const at = env.clock.now;
        deleted += (
          await run({
            schedulerRequestsPerSecond: 2,
            deepChecksPerRun: 0,
            remainingMs: () => 70_000 - (env.clock.now - at),
          })
        ).deleted;
      }
      expect(deleted).toBe(30);
      expect(env.schedules.schedules.size).toBe(0);
    });
  });
});
