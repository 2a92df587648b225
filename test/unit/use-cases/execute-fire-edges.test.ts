import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SCHEDULED_TIME_PLACEHOLDER } from '../../../lambdas/domain/fire-message.js';
import type { Job } from '../../../lambdas/domain/job.js';
import { MetricName } from '../../../lambdas/domain/metrics.js';
import { executeFire } from '../../../lambdas/use-cases/execute-fire.js';
import type { RunStore } from '../../../lambdas/use-cases/ports.js';
import {
  FakeTargets,
  InMemoryJobStore,
  InMemoryRunStore,
  ManualClock,
  RecordingMetrics,
  RecordingRunEvents,
} from '../../support/in-memory-ports.js';
import { jobFixture } from '../../support/job-fixture.js';
import { openTargetPolicy, TEST_SERVICE_PREFIX } from '../../support/target-policies.js';

// A job firing every minute from 10:00; its 10:01 fire is delivered at 10:01:04 and runs at 10:01:05.
const RUN = '2026-11-27T10:01:00.000Z';
const job: Job = jobFixture({ nextRunAt: RUN });
const fire = (overrides: Partial<{ manualRunId: string; revision: number }> = {}) => ({
  message: {
    jobId: job.jobId,
    tenant: job.tenant,
    revision: 1,
    scheduledTime: SCHEDULED_TIME_PLACEHOLDER,
    ...overrides,
  },
  sentAtMs: Date.parse('2026-11-27T10:01:04Z'),
  leaseMs: 25_000,
});

/** A run store whose attempt records fail `failures` times (a throttled table) before they go through. */
class FlakyRecordRunStore extends InMemoryRunStore {
  recordCalls = 0;
  constructor(private failures: number) {
    super();
  }
  override async recordAttempt(request: Parameters<RunStore['recordAttempt']>[0]) {
    this.recordCalls++;
    if (this.failures-- > 0) throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
    return super.recordAttempt(request);
  }
}

describe('executeFire at its edges', () => {
  let jobs: InMemoryJobStore;
  let runs: InMemoryRunStore;
  let targets: FakeTargets;
  let events: RecordingRunEvents;
  let clock: ManualClock;
  let metrics: RecordingMetrics;
  let deps: Parameters<typeof executeFire>[0];

  beforeEach(async () => {
    jobs = new InMemoryJobStore();
    runs = new InMemoryRunStore();
    targets = new FakeTargets();
    events = new RecordingRunEvents();
    clock = new ManualClock(Date.parse('2026-11-27T10:01:05Z'));
    metrics = new RecordingMetrics();
    deps = { jobs, runs, targets, targetPolicy: openTargetPolicy, events, clock, metrics };
    await jobs.create(job, { quota: 10 });
  });

  /** While the target is called, the lease runs out and another delivery takes the run over. */
  const leaseLostDuringCall = () => {
    targets.call = async (request) => {
      clock.advance(25_001);
      const takeover = await runs.acquire({
        jobId: job.jobId,
        runId: RUN,
        scheduledTime: RUN,
        trigger: 'schedule',
        leaseMs: 25_000,
        nowMs: clock.nowMs(),
      });
      expect(takeover.acquired).toBe(true);
      return FakeTargets.prototype.call.call(targets, request);
    };
  };

  describe('a lease lost while the target was called', () => {
    it('leaves a successful run to the delivery that took it over: not counted, no event, job unchanged', async () => {
      leaseLostDuringCall();
      expect(await executeFire(deps, fire())).toEqual({ kind: 'lease_lost', runId: RUN });
      expect(await jobs.get(job.jobId)).toEqual(job);
      expect(events.events).toEqual([]);
      expect(metrics.names()).not.toContain(MetricName.RunsSucceeded);
      expect(await runs.get(job.jobId, RUN)).toMatchObject({ status: 'RUNNING', attempt: 2 });
    });

    it('leaves a failed attempt with attempts left to the delivery that took it over: no retry asked', async () => {
      targets.answers.push({ ok: false, statusCode: 500, error: 'target answered HTTP 500' });
      leaseLostDuringCall();
      expect(await executeFire(deps, fire())).toEqual({ kind: 'lease_lost', runId: RUN });
      expect(await runs.get(job.jobId, RUN)).toMatchObject({ status: 'RUNNING', attempt: 2 });
      expect((await runs.get(job.jobId, RUN))?.attempts).toBeUndefined();
    });
  });

  describe('recording an attempt after the target was called', () => {
    it('tries again when the table throttles, so the target is not called a second time', async () => {
      const flaky = new FlakyRecordRunStore(4);
      const result = await executeFire({ ...deps, runs: flaky }, fire());
      expect(result).toEqual({ kind: 'ran', runId: RUN, status: 'SUCCEEDED', attempt: 1 });
      expect(targets.calls).toHaveLength(1);
      expect(flaky.recordCalls).toBe(5);
      expect(await flaky.get(job.jobId, RUN)).toMatchObject({ status: 'SUCCEEDED' });
      expect(await jobs.get(job.jobId)).toMatchObject({ runsSucceeded: 1, lastRunStatus: 'SUCCEEDED' });
    });

    it('tries again for a failed attempt too, and asks for the retry', async () => {
      targets.answers.push({ ok: false, statusCode: 500, error: 'target answered HTTP 500' });
      const flaky = new FlakyRecordRunStore(1);
      expect(await executeFire({ ...deps, runs: flaky }, fire())).toMatchObject({
        kind: 'retry',
        attempt: 1,
      });
      expect(flaky.recordCalls).toBe(2);
    });

    describe('with time standing still', () => {
      beforeEach(() => {
        vi.useFakeTimers();
      });
      afterEach(() => {
        vi.useRealTimers();
      });

      it('gives a throttled table time before each new try: 100 ms, then twice as long', async () => {
        const flaky = new FlakyRecordRunStore(2);
        const result = executeFire({ ...deps, runs: flaky }, fire());
        await vi.advanceTimersByTimeAsync(99);
        expect(flaky.recordCalls).toBe(1);
        await vi.advanceTimersByTimeAsync(1);
        expect(flaky.recordCalls).toBe(2);
        await vi.advanceTimersByTimeAsync(199);
        expect(flaky.recordCalls).toBe(2);
        await vi.advanceTimersByTimeAsync(1);
        expect(flaky.recordCalls).toBe(3);
        expect(await result).toMatchObject({ kind: 'ran', status: 'SUCCEEDED' });
      });
    });

    it('gives up after five tries and lets the error through: nothing is counted or announced', async () => {
      const flaky = new FlakyRecordRunStore(5);
      await expect(executeFire({ ...deps, runs: flaky }, fire())).rejects.toThrow('throttled');
      expect(flaky.recordCalls).toBe(5);
      expect(targets.calls).toHaveLength(1);
      expect(events.events).toEqual([]);
      expect(await jobs.get(job.jobId)).toEqual(job);
    });
  });

  describe('overlap', () => {
    const liveRunOfEarlierFire = () =>
      runs.acquire({
        jobId: job.jobId,
        runId: '2026-11-27T10:00:00.000Z',
        scheduledTime: '2026-11-27T10:00:00.000Z',
        trigger: 'schedule',
        leaseMs: 60_000,
        nowMs: clock.nowMs(),
      });

    it('by default lets a fire run beside a live run of the same job', async () => {
      expect(job.overlap).toBe('allow');
      await liveRunOfEarlierFire();
      expect(await executeFire(deps, fire())).toMatchObject({ kind: 'ran', status: 'SUCCEEDED' });
      expect(targets.calls).toHaveLength(1);
    });

    it('under "forbid" still runs a manual request beside a live run', async () => {
      jobs.jobs.set(job.jobId, { ...job, overlap: 'forbid' });
      await liveRunOfEarlierFire();
      expect(await executeFire(deps, fire({ manualRunId: 'manual-1' }))).toMatchObject({
        kind: 'ran',
        runId: 'manual-1',
      });
    });

    it('under "forbid" records the skip with its reason and time on the job', async () => {
      jobs.jobs.set(job.jobId, { ...job, overlap: 'forbid' });
      await liveRunOfEarlierFire();
      expect(await executeFire(deps, fire())).toEqual({ kind: 'skipped', reason: 'overlap', runId: RUN });
      expect(await jobs.get(job.jobId)).toMatchObject({
        runsSkipped: 1,
        lastSkipReason: 'overlap',
        lastSkippedAt: '2026-11-27T10:01:05.000Z',
      });
      expect(metrics.names()).toContain(MetricName.RunsSkipped);
    });
  });

  describe('the next run shown after a run', () => {
    it('is the first fire still ahead when the run finished past later fires', async () => {
      // The target takes 2.5 minutes: the 10:02 and 10:03 fires are already due when it answers.
      targets.call = async (request) => {
        clock.advance(150_000);
        return FakeTargets.prototype.call.call(targets, request);
      };
      await executeFire(deps, fire());
      expect(await jobs.get(job.jobId)).toMatchObject({
        lastRunAt: RUN,
        nextRunAt: '2026-11-27T10:04:00.000Z',
      });
    });

    it('is the fire after this one when the run finished at once', async () => {
      await executeFire(deps, fire());
      expect(await jobs.get(job.jobId)).toMatchObject({ nextRunAt: '2026-11-27T10:02:00.000Z' });
    });

    it('is none for a paused job run by hand, which stays paused and not completed', async () => {
      const { nextRunAt: _next, ...paused } = { ...job, status: 'PAUSED' as const };
      jobs.jobs.set(job.jobId, paused);
      expect(await executeFire(deps, fire({ manualRunId: 'manual-1' }))).toMatchObject({ kind: 'ran' });
      const stored = await jobs.get(job.jobId);
      expect(stored).toMatchObject({ status: 'PAUSED', lastRunStatus: 'SUCCEEDED' });
      expect(stored?.nextRunAt).toBeUndefined();
    });

    it('is the window’s last fire after a late run of an earlier one, and the job is not completed', async () => {
      const windowed = {
        ...job,
        schedule: { ...job.schedule, endAt: '2026-11-27T10:02:30Z' },
      };
      jobs.jobs.set(job.jobId, windowed);
      targets.call = async (request) => {
        clock.advance(90_000);
        return FakeTargets.prototype.call.call(targets, request);
      };
      await executeFire(deps, fire());
      expect(await jobs.get(job.jobId)).toMatchObject({
        status: 'ACTIVE',
        nextRunAt: '2026-11-27T10:02:00.000Z',
      });
    });
  });

  describe('a fire of a deleted job', () => {
    it('closes the run its retry left waiting, but never a run whose attempt is still under way', async () => {
      const waiting = '2026-11-27T10:00:00.000Z';
      await runs.acquire({
        jobId: job.jobId,
        runId: waiting,
        scheduledTime: waiting,
        trigger: 'schedule',
        leaseMs: 1_000,
        nowMs: clock.nowMs() - 60_000,
      });
      await runs.acquire({
        jobId: job.jobId,
        runId: 'manual-live',
        scheduledTime: RUN,
        trigger: 'manual',
        leaseMs: 25_000,
        nowMs: clock.nowMs(),
      });
      jobs.jobs.delete(job.jobId);
      expect(await executeFire(deps, fire())).toEqual({ kind: 'skipped', reason: 'job_not_found' });
      expect(await runs.get(job.jobId, waiting)).toMatchObject({
        status: 'SKIPPED',
        skipReason: 'job_deleted',
      });
      expect(await runs.get(job.jobId, 'manual-live')).toMatchObject({ status: 'RUNNING' });
    });
  });

  describe('a target the policy refuses at call time', () => {
    const queue = (name: string) => ({
      type: 'sqs' as const,
      queueArn: `arn:aws:sqs:eu-west-1:123456789012:${name}`,
    });

    it.each([
      [
        "one of the service's own queues",
        queue(`${TEST_SERVICE_PREFIX}Dispatch`),
        openTargetPolicy,
        "target refused: it is one of the scheduler's own resources; nothing was called",
      ],
      [
        'a queue no longer in the allowlist',
        queue('orders'),
        { ...openTargetPolicy, arnAllowlist: ['arn:aws:sqs:*:*:billing-*'] },
        "target refused: not in this tenant's target allowlist; nothing was called",
      ],
    ])(
      'fails the run at once for %s, saying why, with no call and no latency measured',
      async (_case, target, targetPolicy, error) => {
        jobs.jobs.set(job.jobId, { ...job, target });
        const result = await executeFire({ ...deps, targetPolicy }, fire());
        expect(result).toEqual({ kind: 'ran', runId: RUN, status: 'FAILED', attempt: 1, error });
        expect(targets.calls).toEqual([]);
        expect(metrics.names()).not.toContain(MetricName.TargetLatency);
      },
    );
  });

  describe('a run whose last attempt died unrecorded', () => {
    it('fails saying which attempt did not finish, with no call and no latency measured', async () => {
      jobs.jobs.set(job.jobId, { ...job, retryPolicy: { ...job.retryPolicy, maxAttempts: 2 } } as Job);
      for (const attempt of [1, 2]) {
        const lock = await runs.acquire({
          jobId: job.jobId,
          runId: RUN,
          scheduledTime: RUN,
          trigger: 'schedule',
          leaseMs: 1_000,
          nowMs: clock.nowMs(),
        });
        expect(lock).toMatchObject({ acquired: true, attempt });
        clock.advance(1_001);
      }
      expect(await executeFire(deps, fire())).toEqual({
        kind: 'ran',
        runId: RUN,
        status: 'FAILED',
        attempt: 3,
        error: 'no attempt left: attempt 2 did not finish',
      });
      expect(targets.calls).toEqual([]);
      expect(metrics.names()).not.toContain(MetricName.TargetLatency);
    });
  });

  describe('metrics', () => {
    it('measures the fire lag and the target latency of a scheduled run by target kind', async () => {
      await executeFire(deps, fire());
      expect(metrics.observations).toEqual(
        expect.arrayContaining([
          { name: MetricName.RunsStarted, value: 1, unit: 'Count' },
          { name: MetricName.FireLagSeconds, value: 5, unit: 'Seconds' },
          {
            name: MetricName.TargetLatency,
            value: 5,
            unit: 'Milliseconds',
            dimensions: { TargetKind: 'http' },
          },
          { name: MetricName.RunsSucceeded, value: 1, unit: 'Count' },
        ]),
      );
    });

    it('measures no fire lag for a manual run, and counts a second attempt as a retry', async () => {
      targets.answers.push({ ok: false, statusCode: 500, error: 'target answered HTTP 500' });
      await executeFire(deps, fire({ manualRunId: 'manual-1' }));
      expect(metrics.names()).not.toContain(MetricName.FireLagSeconds);
      clock.advance(10_001);
      metrics.observations.length = 0;
      await executeFire(deps, fire({ manualRunId: 'manual-1' }));
      expect(metrics.names()).toContain(MetricName.Retries);
      expect(metrics.names()).not.toContain(MetricName.RunsStarted);
    });

    it('counts a failed last attempt as failed, not succeeded', async () => {
      jobs.jobs.set(job.jobId, { ...job, retryPolicy: { ...job.retryPolicy, maxAttempts: 1 } } as Job);
      targets.answers.push({ ok: false, statusCode: 500, error: 'target answered HTTP 500' });
      await executeFire(deps, fire());
      expect(metrics.names()).toContain(MetricName.TargetLatency);
      expect(metrics.names()).toContain(MetricName.RunsFailed);
      expect(metrics.names()).not.toContain(MetricName.RunsSucceeded);
    });
  });
});
