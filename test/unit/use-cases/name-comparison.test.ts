import { beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../../lambdas/domain/job.js';
import { createJob } from '../../../lambdas/use-cases/create-job.js';
import {
  childPrefixes,
  compareNames,
  NAME_CHARACTERS,
  type NameComparisonDeps,
} from '../../../lambdas/use-cases/name-comparison.js';
import type { ScheduleRegistry, ScheduleSpec } from '../../../lambdas/use-cases/ports.js';
import type { Repair } from '../../../lambdas/use-cases/reconcile-job.js';
import { InMemoryReconcilerIndex } from '../../support/in-memory-reconciler.js';
import { inMemoryApiDeps, webhookJob } from '../../support/use-case-deps.js';

const IN_FLIGHT_MS = 30_000;
const name = (n: number) => `01KZ${String(n).padStart(22, '0')}`;

describe('comparing the schedule names under a prefix with the job ids', () => {
  let env: ReturnType<typeof inMemoryApiDeps>;
  let index: InMemoryReconcilerIndex;
  let repairs: Repair[];
  let lookups: number[];
  let schedules: ScheduleRegistry;

  const deps = (): NameComparisonDeps => ({
    // Counts the batched reads: the store is the real in-memory one otherwise.
    jobs: Object.assign(Object.create(env.jobs) as NameComparisonDeps['jobs'], {
      getMany: async (ids: readonly string[]) => {
        lookups.push(ids.length);
        return env.jobs.getMany(ids);
      },
    }),
    runs: env.runs,
    schedules,
    dispatch: env.dispatch,
    clock: env.clock,
    index,
    repaired: (repair) => repairs.push(repair),
    missedAfterMs: 5 * 60_000,
  });
  const orphan = (jobId: string) => env.schedules.schedules.set(jobId, { jobId } as ScheduleSpec);
  const create = async (overrides: Record<string, unknown> = {}) =>
    (await createJob({ ...env.deps, repairs: index }, 't', webhookJob(overrides))).job;
  /** A registry whose every page may have been cut short, as ListSchedules says of a busy prefix. */
  const cutShort = (): ScheduleRegistry =>
    Object.assign(Object.create(env.schedules) as ScheduleRegistry, {
      listNames: async (token?: string, prefix?: string) => ({
        ...(await env.schedules.listNames(token, prefix)),
        mayHaveMore: true,
      }),
    });

  beforeEach(() => {
    env = inMemoryApiDeps();
    index = new InMemoryReconcilerIndex(env.jobs);
    repairs = [];
    lookups = [];
    schedules = env.schedules;
  });

  it('offers every schedule-name character as a child prefix, underscore included, in ASCII order', () => {
    const children = childPrefixes('01');
    expect(children).toHaveLength(65);
    expect(children).toContain('01_');
    expect(new Set(children).size).toBe(65);
    expect([...NAME_CHARACTERS].sort()).toEqual(NAME_CHARACTERS);
    expect(NAME_CHARACTERS.every((character) => character.length === 1)).toBe(true);
  });

  it('compares a prefix holding exactly the chunk of ids, and splits one holding one more', async () => {
    for (let n = 0; n < 3; n++) index.strayIdItems.add(name(n));
    expect(await compareNames(deps(), '01KZ', 3)).toMatchObject({ compared: 3, missing: 3 });
    for (let n = 0; n < 4; n++) index.strayIdItems.add(name(n));
    expect(await compareNames(deps(), '01KZ', 3)).toBe('split');
  });

  it('compares twice the chunk of names, and splits one name more', async () => {
    for (let n = 0; n < 6; n++) orphan(name(n));
    expect(await compareNames(deps(), '01KZ', 3)).toMatchObject({ compared: 6, orphans: 6 });
    for (let n = 0; n < 7; n++) orphan(name(n));
    expect(await compareNames(deps(), '01KZ', 3)).toBe('split');
    expect(env.schedules.schedules.size).toBe(7);
  });

  it('splits a prefix whose listing may have been cut short, unless it is already as long as any name', async () => {
    schedules = cutShort();
    orphan(name(1));
    expect(await compareNames(deps(), '01KZ', 3)).toBe('split');
    expect(env.schedules.schedules.has(name(1))).toBe(true);
    const full = `${name(1)}${'0'.repeat(6)}`; // 32 characters: nothing longer to split into
    expect(full).toHaveLength(32);
    orphan(full);
    expect(await compareNames(deps(), full, 3)).toMatchObject({ orphans: 1 });
    expect(env.schedules.schedules.has(full)).toBe(false);
    const shorter = full.slice(0, 31);
    expect(await compareNames(deps(), shorter, 3)).toBe('split');
  });

  it('deletes only the names with no job and counts only them as orphans', async () => {
    const job = await create();
    orphan(name(1));
    const prefix = job.jobId.slice(0, 2);
    expect(name(1).startsWith(prefix)).toBe(true);
    expect(await compareNames(deps(), prefix, 10)).toEqual({ compared: 3, missing: 0, orphans: 1 });
    expect(env.schedules.schedules.has(job.jobId)).toBe(true);
    expect(env.schedules.schedules.has(name(1))).toBe(false);
    expect(repairs).toEqual(['deleted']);
  });

  it('looks up nothing when names and ids agree', async () => {
    await create();
    await create();
    expect(await compareNames(deps(), '', 10)).toMatchObject({ missing: 0, orphans: 0 });
    expect(lookups).toEqual([]);
    expect(repairs).toEqual([]);
  });

  it('reads and deletes orphans a hundred at a time, each once', async () => {
    for (let n = 0; n < 150; n++) orphan(name(n));
    expect(await compareNames(deps(), '01KZ', 100)).toMatchObject({ orphans: 150 });
    expect(lookups).toEqual([100, 50]);
    expect(repairs).toHaveLength(150);
    expect(env.schedules.schedules.size).toBe(0);
  });

  it('reads ids with no name a hundred at a time, each once, and forgets those whose job is gone', async () => {
    for (let n = 0; n < 150; n++) index.strayIdItems.add(name(n));
    expect(await compareNames(deps(), '01KZ', 150)).toMatchObject({ missing: 150 });
    expect(lookups).toEqual([100, 50]);
    expect(index.strayIdItems.size).toBe(0);
    expect(repairs).toEqual([]);
  });

  it('gives back an id item to a job whose name was listed without one', async () => {
    const job = await create();
    index.withoutIdItem.add(job.jobId);
    expect(await compareNames(deps(), '', 10)).toMatchObject({ orphans: 1 });
    expect(index.withoutIdItem.size).toBe(0);
    expect(env.schedules.schedules.has(job.jobId)).toBe(true);
    expect(repairs).toEqual([]);
  });

  describe('a job with no schedule name', () => {
    const unscheduled = async (overrides: Record<string, unknown> = {}, status?: Job['status']) => {
      const job = await create(overrides);
      env.schedules.schedules.delete(job.jobId);
      if (status) env.jobs.jobs.set(job.jobId, { ...(env.jobs.jobs.get(job.jobId) as Job), status });
      return job;
    };

    it('gets its schedule back once it is older than the in-flight grace', async () => {
      const job = await unscheduled();
      env.clock.advance(IN_FLIGHT_MS + 1);
      expect(await compareNames(deps(), '', 10)).toMatchObject({ missing: 1 });
      expect(env.schedules.schedules.has(job.jobId)).toBe(true);
      expect(repairs).toEqual(['created']);
    });

    it('is left alone while it may still be on its way to Scheduler, up to the grace itself', async () => {
      await unscheduled();
      expect(await compareNames(deps(), '', 10)).toMatchObject({ missing: 1 });
      env.clock.advance(IN_FLIGHT_MS);
      expect(await compareNames(deps(), '', 10)).toMatchObject({ missing: 1 });
      expect(env.schedules.calls.describe).toBe(0);
      expect(repairs).toEqual([]);
    });

    it('is not checked when it has completed', async () => {
      await unscheduled({}, 'COMPLETED');
      env.clock.advance(10 * 60_000);
      await compareNames(deps(), '', 10);
      expect(env.schedules.calls.describe).toBe(0);
    });

    it('is not checked when its one-time moment has passed', async () => {
      await unscheduled({ schedule: { expression: 'at(2026-11-27T10:01:00)' } });
      env.clock.advance(10 * 60_000);
      await compareNames(deps(), '', 10);
      expect(env.schedules.calls.describe).toBe(0);
      expect(env.dispatch.messages).toEqual([]);
    });
  });
});
