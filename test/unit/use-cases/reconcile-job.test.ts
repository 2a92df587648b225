import { beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../../lambdas/domain/job.js';
import { createJob } from '../../../lambdas/use-cases/create-job.js';
import type { RegisteredSchedule, ScheduleSpec } from '../../../lambdas/use-cases/ports.js';
import {
  agrees,
  checkJob,
  checkJobById,
  type JobCheckDeps,
  overdue,
  type Repair,
  spent,
} from '../../../lambdas/use-cases/reconcile-job.js';
import { InMemoryReconcilerIndex } from '../../support/in-memory-reconciler.js';
import { inMemoryApiDeps, NOW, webhookJob } from '../../support/use-case-deps.js';

const MISSED_AFTER_MS = 5 * 60_000;

describe('checking one job against its schedule', () => {
  let env: ReturnType<typeof inMemoryApiDeps>;
  let repairs: Repair[];
  const deps = (): JobCheckDeps => ({
    jobs: env.jobs,
    runs: env.runs,
    schedules: env.schedules,
    dispatch: env.dispatch,
    clock: env.clock,
    repaired: (repair) => repairs.push(repair),
    missedAfterMs: MISSED_AFTER_MS,
  });
  const create = async (overrides: Record<string, unknown> = {}) =>
    (
      await createJob(
        { ...env.deps, repairs: new InMemoryReconcilerIndex(env.jobs) },
        't',
        webhookJob(overrides),
      )
    ).job;
  const registered = (jobId: string) => env.schedules.schedules.get(jobId) as ScheduleSpec;
  const asRegistered = (spec: ScheduleSpec): RegisteredSchedule => ({
    expression: spec.expression,
    timezone: spec.timezone,
    enabled: spec.enabled,
    revision: spec.revision,
    ...(spec.startAt ? { startAt: spec.startAt } : {}),
    ...(spec.endAt ? { endAt: spec.endAt } : {}),
  });
  const movedStart = (spec: ScheduleSpec) => ({ ...asRegistered(spec), startAt: '2026-11-27T09:00:00Z' });

  beforeEach(() => {
    env = inMemoryApiDeps();
    repairs = [];
  });

  describe('whether a registered schedule agrees with the job', () => {
    it('ignores the start of a rate schedule the job did not anchor itself', async () => {
      const job = await create({ schedule: { expression: 'rate(1 hour)' } });
      const wanted = registered(job.jobId);
      expect(agrees(movedStart(wanted), wanted, job)).toBe(true);
    });

    it('compares the start of a rate schedule the job anchored itself', async () => {
      const job = await create({
        schedule: { expression: 'rate(1 hour)', startAt: '2026-11-27T12:00:00Z' },
      });
      const wanted = registered(job.jobId);
      expect(agrees(asRegistered(wanted), wanted, job)).toBe(true);
      expect(agrees(movedStart(wanted), wanted, job)).toBe(false);
    });

    it('compares the start of a cron schedule', async () => {
      const job = await create({ schedule: { expression: 'cron(0 12 * * ? *)' } });
      const wanted = registered(job.jobId);
      expect(agrees(asRegistered(wanted), wanted, job)).toBe(true);
      expect(agrees(movedStart(wanted), wanted, job)).toBe(false);
    });
  });

  describe('whether a schedule is spent', () => {
    it('counts a one-time schedule spent from its very moment on', async () => {
      const job = await create({ schedule: { expression: 'at(2026-11-27T10:30:00)' } });
      const atMs = Date.parse('2026-11-27T10:30:00Z');
      expect(spent(job, atMs - 1)).toBe(false);
      expect(spent(job, atMs)).toBe(true);
    });

    it('counts a recurring schedule spent once its end has passed', async () => {
      const job = await create({
        schedule: { expression: 'rate(1 hour)', endAt: '2026-11-27T12:00:00Z' },
      });
      expect(spent(job, NOW)).toBe(false);
      expect(spent(job, Date.parse('2026-11-27T13:00:00Z'))).toBe(true);
    });
  });

  describe('whether a fire is overdue', () => {
    it('is overdue from exactly the missed-after limit on, and only while active', async () => {
      const job = { ...(await create()), nextRunAt: new Date(NOW).toISOString() };
      expect(overdue(job, NOW + MISSED_AFTER_MS - 1, MISSED_AFTER_MS)).toBe(false);
      expect(overdue(job, NOW + MISSED_AFTER_MS, MISSED_AFTER_MS)).toBe(true);
      expect(overdue({ ...job, status: 'PAUSED' }, NOW + MISSED_AFTER_MS, MISSED_AFTER_MS)).toBe(false);
      const { nextRunAt: _none, ...unplanned } = job;
      expect(overdue(unplanned as Job, NOW + MISSED_AFTER_MS, MISSED_AFTER_MS)).toBe(false);
    });
  });

  describe('repairs', () => {
    it('leaves a schedule registered for a newer revision alone', async () => {
      const job = await create({ schedule: { expression: 'rate(1 hour)' } });
      const newer = { ...registered(job.jobId), expression: 'rate(2 hours)', revision: job.revision + 1 };
      env.schedules.schedules.set(job.jobId, newer);
      await checkJob(deps(), job);
      expect(registered(job.jobId)).toEqual(newer);
      expect(repairs).toEqual([]);
    });

    it('deletes the schedule of a job that is gone by the time it is read afresh', async () => {
      const job = await create({ schedule: { expression: 'rate(1 hour)' } });
      env.schedules.schedules.set(job.jobId, { ...registered(job.jobId), expression: 'rate(2 hours)' });
      env.jobs.jobs.delete(job.jobId);
      await checkJob(deps(), job);
      expect(env.schedules.schedules.has(job.jobId)).toBe(false);
      expect(repairs).toEqual(['deleted']);
    });

    it('deletes the schedule of a job known only by id once the job is gone, and repairs nothing without one', async () => {
      const job = await create();
      env.jobs.jobs.delete(job.jobId);
      await checkJobById(deps(), job.jobId);
      expect(env.schedules.schedules.has(job.jobId)).toBe(false);
      expect(repairs).toEqual(['deleted']);
      await checkJobById(deps(), job.jobId);
      expect(repairs).toEqual(['deleted']);
    });

    it('checks a job known by id that still exists', async () => {
      const job = await create({ schedule: { expression: 'rate(1 hour)' } });
      env.schedules.schedules.delete(job.jobId);
      await checkJobById(deps(), job.jobId);
      expect(registered(job.jobId)).toMatchObject({ expression: 'rate(1 hour)' });
      expect(repairs).toEqual(['created']);
    });
  });

  describe('a missed fire', () => {
    it('is recorded as skipped for missed, on the run and on the job, under the skip policy', async () => {
      const job = await create({ schedule: { expression: 'rate(1 hour)' }, misfirePolicy: 'skip' });
      env.clock.advance(2 * 3_600_000);
      await checkJob(deps(), job);
      expect(env.dispatch.messages).toEqual([]);
      expect([...env.runs.runs.values()]).toMatchObject([{ status: 'SKIPPED', skipReason: 'missed' }]);
      expect(env.jobs.jobs.get(job.jobId)).toMatchObject({ runsSkipped: 1, lastSkipReason: 'missed' });
      expect(repairs).toEqual(['missedSkipped']);
    });

    it('is caught up once for a job stored before it had a misfire policy', async () => {
      const created = await create({ schedule: { expression: 'rate(1 hour)' } });
      const { misfirePolicy: _policy, ...job } = env.jobs.jobs.get(created.jobId) as Job;
      env.jobs.jobs.set(job.jobId, job);
      env.clock.advance(2 * 3_600_000);
      await checkJob(deps(), job);
      expect(env.dispatch.messages).toMatchObject([{ jobId: job.jobId, catchUp: true }]);
      expect(repairs).toEqual(['caughtUp']);
    });
  });
});
