import type { SQSRecord } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { type FireMessage, SCHEDULED_TIME_PLACEHOLDER } from '../../../lambdas/domain/fire-message.js';
import type { Job } from '../../../lambdas/domain/job.js';
import { MAX_SLOT_WAIT_SECONDS, slotWaitSeconds } from '../../../lambdas/domain/run-slots.js';
import { type ExecutorDeps, runFireBatch } from '../../../lambdas/handlers/executor-batch.js';
import { executeFire } from '../../../lambdas/use-cases/execute-fire.js';
import { InMemoryTenantRunSlots } from '../../support/in-memory-limits.js';
import {
  FakeTargets,
  InMemoryJobStore,
  InMemoryRunStore,
  ManualClock,
  RecordingMetrics,
  RecordingRunEvents,
} from '../../support/in-memory-ports.js';
import { jobFixture } from '../../support/job-fixture.js';
import { openTargetPolicy } from '../../support/target-policies.js';

const RUN = '2026-11-27T10:01:00.000Z';
const LIMIT = 2;
const jobOf = (jobId: string, tenant: string): Job => jobFixture({ jobId, tenant });
const noisy = [
  '01JNOISY0000000000000000001',
  '01JNOISY0000000000000000002',
  '01JNOISY0000000000000000003',
].map((id) => jobOf(id, 'noisy'));
const quiet = jobOf('01JQUIET0000000000000000001', 'quiet');

const fireOf = (job: Job, extra: Partial<FireMessage> = {}) => ({
  message: {
    jobId: job.jobId,
    tenant: job.tenant,
    revision: 1,
    scheduledTime: SCHEDULED_TIME_PLACEHOLDER,
    ...extra,
  },
  sentAtMs: Date.parse('2026-11-27T10:01:04Z'),
  leaseMs: 25_000,
});

/** Targets that answer only when the test lets them: runs stay in progress meanwhile. */
class HeldTargets extends FakeTargets {
  private readonly waiting: Array<() => void> = [];
  override async call(request: Parameters<FakeTargets['call']>[0]) {
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    return super.call(request);
  }
  async letAllAnswer() {
    while (this.waiting.length > 0) this.waiting.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  get inProgress() {
    return this.waiting.length;
  }
}

describe('the per-tenant limit on runs in progress', () => {
  let deps: Parameters<typeof executeFire>[0] & {
    targets: FakeTargets;
    runSlots: InMemoryTenantRunSlots;
    runs: InMemoryRunStore;
    metrics: RecordingMetrics;
  };
  let clock: ManualClock;
  beforeEach(async () => {
    const jobs = new InMemoryJobStore();
    for (const job of [...noisy, quiet]) await jobs.create(job, { quota: 10 });
    clock = new ManualClock(Date.parse('2026-11-27T10:01:05Z'));
    deps = {
      jobs,
      runs: new InMemoryRunStore(),
      targets: new FakeTargets(),
      targetPolicy: openTargetPolicy,
      events: new RecordingRunEvents(),
      clock,
      metrics: new RecordingMetrics(),
      runSlots: new InMemoryTenantRunSlots(LIMIT),
    };
  });

  it('delays a fire over the limit with no target call, no run and no attempt, and keeps its scheduled time', async () => {
    const held = new HeldTargets();
    deps = { ...deps, targets: held };
    const running = noisy.slice(0, LIMIT).map((job) => executeFire(deps, fireOf(job)));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(held.inProgress).toBe(LIMIT);

    const third = noisy[2] as Job;
    const result = await executeFire(deps, fireOf(third));
    expect(result).toEqual({
      kind: 'delayed',
      runId: RUN,
      scheduledTime: RUN,
      delaySeconds: expect.any(Number),
    });
    expect(await deps.runs.get(third.jobId, RUN)).toBeUndefined();
    expect(deps.metrics.names().filter((name) => name === 'RunsDelayed')).toHaveLength(1);

    // Another tenant is not held back by it.
    const other = executeFire(deps, fireOf(quiet));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(held.inProgress).toBe(LIMIT + 1);
    await held.letAllAnswer();
    await Promise.all([...running, other]);

    // When the runs finish, their slots are free: the delayed fire runs, as its first attempt.
    expect(deps.runSlots.held('noisy')).toBe(0);
    deps = { ...deps, targets: new FakeTargets() };
    expect(await executeFire(deps, fireOf(third, { scheduledTime: RUN, slotWaits: 1 }))).toEqual({
      kind: 'ran',
      runId: RUN,
      status: 'SUCCEEDED',
      attempt: 1,
    });
  });

  it('gives the slot back when the run waits for a retry, loses its lock race, or its target call throws', async () => {
    const [job] = noisy as [Job];
    deps.targets.answers.push({ ok: false, statusCode: 500 });
    expect(await executeFire(deps, fireOf(job))).toMatchObject({ kind: 'retry', attempt: 1 });
    expect(deps.runSlots.held('noisy')).toBe(0);

    // The retry is not due yet: another delivery finds the run in progress.
    expect(await executeFire(deps, fireOf(job))).toMatchObject({ kind: 'in_progress' });
    expect(deps.runSlots.held('noisy')).toBe(0);

    const throwing = { call: async () => Promise.reject(new Error('socket hang up')) };
    await expect(executeFire({ ...deps, targets: throwing }, fireOf(noisy[1] as Job))).rejects.toThrow(
      'socket',
    );
    expect(deps.runSlots.held('noisy')).toBe(0);
  });

  it('frees the slot of an executor that died with it when its lease ends', async () => {
    await deps.runSlots.acquire({ tenant: 'noisy', leaseUntilMs: clock.now + 25_000, nowMs: clock.now });
    await deps.runSlots.acquire({ tenant: 'noisy', leaseUntilMs: clock.now + 25_000, nowMs: clock.now });
    expect(await executeFire(deps, fireOf(noisy[0] as Job))).toMatchObject({ kind: 'delayed' });
    clock.advance(26_000);
    expect(await executeFire(deps, fireOf(noisy[0] as Job))).toMatchObject({ kind: 'ran', attempt: 1 });
  });

  it('takes no slot for a fire that is skipped', async () => {
    const jobs = deps.jobs as InMemoryJobStore;
    const job = noisy[0] as Job;
    jobs.jobs.set(job.jobId, { ...job, status: 'PAUSED' });
    await deps.runSlots.acquire({ tenant: 'noisy', leaseUntilMs: clock.now + 25_000, nowMs: clock.now });
    await deps.runSlots.acquire({ tenant: 'noisy', leaseUntilMs: clock.now + 25_000, nowMs: clock.now });
    expect(await executeFire(deps, fireOf(job))).toMatchObject({ kind: 'skipped', reason: 'paused' });
  });

  it('waits 5 s doubling to 30 s between tries, jittered in the upper half', () => {
    expect([0, 1, 2, 3, 4, 10].map((waits) => slotWaitSeconds(waits, () => 0))).toEqual([
      3, 5, 10, 15, 15, 15,
    ]);
    expect([0, 1, 2, 3, 4, 10].map((waits) => slotWaitSeconds(waits, () => 1))).toEqual([
      5, 10, 20, 30, 30, 30,
    ]);
    expect(slotWaitSeconds(100)).toBeLessThanOrEqual(MAX_SLOT_WAIT_SECONDS);
  });
});

describe('runFireBatch with a delayed fire', () => {
  it('sends it again as a new delayed message with its scheduled time and acknowledges the original', async () => {
    const jobs = new InMemoryJobStore();
    const job = noisy[0] as Job;
    await jobs.create(job, { quota: 10 });
    const clock = new ManualClock(Date.parse('2026-11-27T10:01:05Z'));
    const runSlots = new InMemoryTenantRunSlots(1);
    await runSlots.acquire({ tenant: 'noisy', leaseUntilMs: clock.now + 60_000, nowMs: clock.now });
    const sent: Array<[FireMessage, number]> = [];
    const redelivered: string[] = [];
    const deps: ExecutorDeps = {
      jobs,
      runs: new InMemoryRunStore(),
      targets: new FakeTargets(),
      targetPolicy: openTargetPolicy,
      events: new RecordingRunEvents(),
      clock,
      metrics: new RecordingMetrics(),
      runSlots,
      queue: {
        deliverAgainIn: async (handle) => void redelivered.push(handle),
        sendLater: async (message, seconds) => void sent.push([message, seconds]),
        deadLetter: async () => undefined,
      },
    };
    const record = (body: FireMessage) =>
      ({
        messageId: 'm1',
        receiptHandle: 'h1',
        body: JSON.stringify(body),
        attributes: {
          SentTimestamp: String(Date.parse('2026-11-27T10:01:04Z')),
          ApproximateReceiveCount: '1',
        },
      }) as unknown as SQSRecord;
    const first = fireOf(job).message;

    const response = await runFireBatch(deps, { Records: [record(first)] }, () => 30_000);
    expect(response.batchItemFailures).toEqual([]); // acknowledged: no receive spent towards the DLQ
    expect(redelivered).toEqual([]);
    expect(sent).toEqual([[{ ...first, scheduledTime: RUN, slotWaits: 1 }, expect.any(Number)]]);
    expect(sent[0]?.[1]).toBeGreaterThanOrEqual(3);

    // Sent again and still over the limit: it waits longer, counting its waits.
    await runFireBatch(deps, { Records: [record(sent[0]?.[0] as FireMessage)] }, () => 30_000);
    expect(sent[1]?.[0]).toEqual({ ...first, scheduledTime: RUN, slotWaits: 2 });
    expect(sent[1]?.[1]).toBeGreaterThanOrEqual(5);
  });
});
