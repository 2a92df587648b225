import { beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../../lambdas/domain/job.js';
import { createJob } from '../../../lambdas/use-cases/create-job.js';
import type { ScheduleSpec } from '../../../lambdas/use-cases/ports.js';
import { type ReconcilerCursor, reconcile } from '../../../lambdas/use-cases/reconcile.js';
import { pauseJob } from '../../../lambdas/use-cases/update-job.js';
import { RecordingMetrics } from '../../support/in-memory-ports.js';
import { inMemoryApiDeps, webhookJob } from '../../support/use-case-deps.js';

class MemoryCursor {
  cursor: ReconcilerCursor | undefined;
  saves = 0;
  async load() {
    return this.cursor;
  }
  async save(cursor: ReconcilerCursor | undefined) {
    this.saves++;
    this.cursor = cursor;
  }
}

describe('reconcile', () => {
  let env: ReturnType<typeof inMemoryApiDeps>;
  let state: MemoryCursor;
  let metrics: RecordingMetrics;
  const run = (options: Partial<Parameters<typeof reconcile>[1]> = {}) =>
    reconcile(
      {
        jobs: env.jobs,
        runs: env.runs,
        schedules: env.schedules,
        dispatch: env.dispatch,
        state,
        clock: env.clock,
        metrics,
      },
      { remainingMs: () => 60_000, ...options },
    );
  const create = async (overrides: Record<string, unknown> = {}) =>
    (await createJob(env.deps, 't', webhookJob(overrides))).job;

  beforeEach(() => {
    env = inMemoryApiDeps();
    state = new MemoryCursor();
    metrics = new RecordingMetrics();
  });

  it('recreates a missing schedule, fixes a drifted one, deletes an orphan, and counts each repair', async () => {
    const missing = await create();
    const drifted = await create({ schedule: { expression: 'rate(5 minutes)' } });
    const paused = await create();
    await pauseJob(env.deps, 't', paused.jobId);
    env.schedules.schedules.delete(missing.jobId);
    env.schedules.schedules.set(drifted.jobId, {
      ...(env.schedules.schedules.get(drifted.jobId) as ScheduleSpec),
      expression: 'rate(1 hour)',
      revision: 0,
    });
    env.schedules.schedules.set(paused.jobId, {
      ...(env.schedules.schedules.get(paused.jobId) as ScheduleSpec),
      enabled: true,
    });
    env.schedules.schedules.set('01JORPHANORPHANORPHANORPHA', {
      ...(env.schedules.schedules.get(drifted.jobId) as ScheduleSpec),
      jobId: '01JORPHANORPHANORPHANORPHA',
    });

    const report = await run();
    expect(report).toMatchObject({
      jobsChecked: 3,
      schedulesChecked: 4,
      created: 1,
      updated: 2,
      deleted: 1,
      cycleCompleted: true,
    });
    expect(env.schedules.schedules.get(missing.jobId)).toMatchObject({
      expression: 'rate(1 minute)',
      revision: 1,
      enabled: true,
    });
    expect(env.schedules.schedules.get(drifted.jobId)).toMatchObject({
      expression: 'rate(5 minutes)',
      revision: 1,
    });
    expect(env.schedules.schedules.get(paused.jobId)).toMatchObject({ enabled: false, revision: 2 });
    expect(env.schedules.schedules.has('01JORPHANORPHANORPHANORPHA')).toBe(false);
    expect(metrics.names().filter((name) => name === 'ReconcilerRepairs')).toHaveLength(4);
    // A second pass finds nothing to do.
    expect(await run()).toMatchObject({ created: 0, updated: 0, deleted: 0 });
  });

  it('does not recreate the schedule of a one-time job whose moment has passed, and deletes a completed job’s', async () => {
    const once = await create({ schedule: { expression: 'at(2026-11-27T10:30:00)' } });
    env.schedules.schedules.delete(once.jobId); // deleted by Scheduler after firing
    env.clock.advance(3_600_000);
    const done = await create();
    env.jobs.jobs.set(done.jobId, { ...(env.jobs.jobs.get(done.jobId) as Job), status: 'COMPLETED' });
    const report = await run();
    expect(report).toMatchObject({ created: 0, deleted: 1 });
    expect(env.schedules.schedules.has(once.jobId)).toBe(false);
    expect(env.schedules.schedules.has(done.jobId)).toBe(false);
  });

  describe('a job whose schedule vanished two hours ago', () => {
    let job: Job;
    beforeEach(async () => {
      job = await create({ schedule: { expression: 'rate(1 hour)' } });
      env.schedules.schedules.delete(job.jobId);
      env.clock.advance(2 * 3_600_000 + 60_000); // fires due at 10:00, 11:00 and 12:00 never came
    });

    it('under fire_once gets exactly one catch-up fire, for the latest missed time (standing for all three), and never a second', async () => {
      const report = await run();
      expect(report).toMatchObject({ caughtUp: 1, created: 1 });
      expect(env.dispatch.messages).toEqual([
        {
          jobId: job.jobId,
          tenant: 't',
          revision: 1,
          scheduledTime: '2026-11-27T12:00:00.000Z',
          catchUp: true,
        },
      ]);
      expect((await env.jobs.get(job.jobId))?.nextRunAt).toBe('2026-11-27T13:00:00.000Z');
      await run();
      expect(env.dispatch.messages).toHaveLength(1);
    });

    it('under skip gets no fire, a SKIPPED run and its next run moved on', async () => {
      env.jobs.jobs.set(job.jobId, { ...job, misfirePolicy: 'skip' });
      const report = await run();
      expect(report).toMatchObject({ caughtUp: 0, missedSkipped: 1 });
      expect(env.dispatch.messages).toEqual([]);
      expect(await env.runs.get(job.jobId, '2026-11-27T12:00:00.000Z')).toMatchObject({
        status: 'SKIPPED',
        skipReason: 'missed',
      });
      expect((await env.jobs.get(job.jobId))?.nextRunAt).toBe('2026-11-27T13:00:00.000Z');
    });

    it('is not caught up when the fire did run and only the job’s next run lagged', async () => {
      await env.runs.recordSkip({
        jobId: job.jobId,
        runId: '2026-11-27T12:00:00.000Z',
        scheduledTime: '2026-11-27T12:00:00.000Z',
        trigger: 'schedule',
        reason: 'paused',
        nowMs: env.clock.now,
      });
      expect(await run()).toMatchObject({ caughtUp: 0, missedSkipped: 0 });
      expect(env.dispatch.messages).toEqual([]);
    });
  });

  it('acts on a fresh read: no schedule for a job deleted after the scan, no downgrade of a newer revision', async () => {
    const deleted = await create();
    const updated = await create();
    env.schedules.schedules.delete(deleted.jobId);
    const stale = { ...(env.jobs.jobs.get(updated.jobId) as Job) };
    // The scan still sees both jobs as they were; meanwhile one is deleted and the other moved to revision 2.
    env.jobs.scan = async () => ({ items: [structuredClone(deleted), stale] });
    env.jobs.jobs.delete(deleted.jobId);
    env.schedules.schedules.set(updated.jobId, {
      ...(env.schedules.schedules.get(updated.jobId) as ScheduleSpec),
      revision: 2,
      expression: 'rate(7 minutes)',
    });
    env.jobs.jobs.set(updated.jobId, {
      ...stale,
      revision: 2,
      schedule: { expression: 'rate(7 minutes)', timezone: 'UTC' },
    });
    const report = await run();
    expect(report).toMatchObject({ created: 0, updated: 0 });
    expect(env.schedules.schedules.has(deleted.jobId)).toBe(false);
    expect(env.schedules.schedules.get(updated.jobId)).toMatchObject({
      revision: 2,
      expression: 'rate(7 minutes)',
    });
  });

  it('stops between pages when its time runs low, and the next run resumes where it stopped', async () => {
    const jobs: Job[] = [];
    for (let n = 0; n < 25; n++) jobs.push(await create());
    for (const job of jobs) env.schedules.schedules.delete(job.jobId);
    let budget = 3; // pages this invocation may start
    const first = await run({ pageSize: 5, remainingMs: () => (budget-- > 0 ? 60_000 : 0) });
    expect(first).toMatchObject({ jobsChecked: 15, created: 15, cycleCompleted: false });
    expect(state.cursor).toMatchObject({ phase: 'jobs' });
    const second = await run({ pageSize: 5 });
    expect(second).toMatchObject({ jobsChecked: 10, created: 10, cycleCompleted: true });
    expect(env.schedules.schedules.size).toBe(25);
    expect(state.cursor).toBeUndefined();
  });
});
