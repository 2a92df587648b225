import { describe, expect, it } from 'vitest';
import { firingOf } from '../../../lambdas/domain/firing.js';
import type { Run } from '../../../lambdas/domain/run.js';
import { jobFixture } from '../../support/job-fixture.js';

const NOW = Date.parse('2026-11-27T10:05:30Z');
const DUE = '2026-11-27T10:01:00.000Z';
const daily = jobFixture({
  schedule: { expression: '0 9 * * *', timezone: 'Europe/Berlin' },
  nextRunAt: '2026-11-28T08:00:00.000Z',
});
const overdue = jobFixture({ nextRunAt: DUE });
const run = (overrides: Partial<Run>): Run => ({
  jobId: overdue.jobId,
  runId: DUE,
  scheduledTime: DUE,
  trigger: 'schedule',
  status: 'RUNNING',
  attempt: 1,
  startedAt: DUE,
  ...overrides,
});

describe('why has it not fired? the job’s firing state', () => {
  it('an active job: schedule enabled, the next fire in UTC and in the job’s zone', () => {
    expect(firingOf(daily, NOW)).toEqual({
      schedule: 'enabled',
      nextFireAt: '2026-11-28T08:00:00.000Z',
      nextFireLocal: '2026-11-28T09:00:00+01:00',
    });
  });

  it('a paused job: disabled; a completed one: finished, nothing ahead', () => {
    expect(firingOf({ ...daily, status: 'PAUSED' }, NOW)).toEqual({ schedule: 'disabled' });
    expect(firingOf({ ...daily, status: 'COMPLETED' }, NOW)).toEqual({ schedule: 'finished' });
  });

  it('a due fire with no run: the next fire ahead, and the overdue one with the catch-up to come', () => {
    const firing = firingOf(overdue, NOW, {});
    expect(firing.nextFireAt).toBe('2026-11-27T10:06:00.000Z');
    expect(firing.overdue).toMatchObject({ scheduledTime: DUE, reason: 'catch_up_pending' });
    expect(firing.overdue?.detail).toContain('reconciler');
  });

  it('under misfirePolicy skip, the missed fire will be recorded as skipped instead', () => {
    expect(firingOf({ ...overdue, misfirePolicy: 'skip' }, NOW, {}).overdue?.reason).toBe('skip_pending');
  });

  it('a due fire whose run waits for its retry says so, with when', () => {
    const retryAt = '2026-11-27T10:06:10.000Z';
    const retrying = run({ nextAttemptAt: retryAt, leaseExpiresAtMs: Date.parse(retryAt) });
    expect(firingOf(overdue, NOW, { run: retrying }).overdue).toMatchObject({
      reason: 'retrying',
      nextAttemptAt: '2026-11-27T10:06:10.000Z',
    });
    // The next attempt under way: its lease is the executor's, no longer the retry time.
    const attempting = run({ nextAttemptAt: '2026-11-27T10:05:00.000Z', leaseExpiresAtMs: NOW + 20_000 });
    expect(firingOf(overdue, NOW, { run: attempting }).overdue?.reason).toBe('running');
  });

  it('a due fire whose run is past its lease is stalled, and the answer says where it went', () => {
    const firing = firingOf(overdue, NOW, { run: run({ leaseExpiresAtMs: NOW - 60_000 }) });
    expect(firing.overdue?.reason).toBe('stalled');
    expect(firing.overdue?.detail).toContain('/api/dlq');
  });

  it('a due fire that did run (the job changed meanwhile) is not shown as overdue', () => {
    expect(firingOf(overdue, NOW, { run: run({ status: 'SUCCEEDED' }) }).overdue).toBeUndefined();
  });

  it('in a list, where runs are not read, an overdue fire is flagged without a guess', () => {
    expect(firingOf(overdue, NOW).overdue?.reason).toBe('awaiting_run');
  });
});
