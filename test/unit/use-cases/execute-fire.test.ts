import { beforeEach, describe, expect, it } from 'vitest';
import { SCHEDULED_TIME_PLACEHOLDER } from '../../../lambdas/domain/fire-message.js';
import type { Job } from '../../../lambdas/domain/job.js';
import { DEFAULT_RETRY_POLICY } from '../../../lambdas/domain/retry-policy.js';
import { executeFire } from '../../../lambdas/use-cases/execute-fire.js';
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

const ANCHOR = '2026-11-27T10:00:00.000Z';
const RUN = '2026-11-27T10:01:00.000Z';
const job: Job = jobFixture({
  target: { type: 'http', url: 'https://example.com/hook', method: 'POST', headers: {}, timeoutSeconds: 10 },
  payload: { hello: 'world' },
  retryPolicy: { maxAttempts: 3, initialDelaySeconds: 10, maxDelaySeconds: 300, multiplier: 2 },
  nextRunAt: RUN,
});

const fireAt = (sentIso: string, scheduledTime = SCHEDULED_TIME_PLACEHOLDER, revision = 1) => ({
  message: { jobId: job.jobId, tenant: job.tenant, revision, scheduledTime },
  sentAtMs: Date.parse(sentIso),
  leaseMs: 25_000,
});

describe('executeFire', () => {
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

  it('calls the target once with the payload and the run idempotency key, then records success', async () => {
    const result = await executeFire(deps, fireAt('2026-11-27T10:01:04Z'));
    expect(result).toEqual({ kind: 'ran', runId: RUN, status: 'SUCCEEDED', attempt: 1 });
    expect(targets.calls).toEqual([
      {
        target: job.target,
        payload: job.payload,
        idempotencyKey: `${job.jobId}/${RUN}`,
        tenant: job.tenant,
        jobId: job.jobId,
        runId: RUN,
        maxDurationMs: 24_000,
      },
    ]);
    expect(await runs.get(job.jobId, RUN)).toMatchObject({
      trigger: 'schedule',
      scheduledTime: RUN,
      status: 'SUCCEEDED',
      attempt: 1,
      attempts: [{ attempt: 1, outcome: { statusCode: 200 } }],
    });
    expect(await jobs.get(job.jobId)).toMatchObject({
      lastRunAt: RUN,
      lastRunStatus: 'SUCCEEDED',
      nextRunAt: '2026-11-27T10:02:00.000Z',
      status: 'ACTIVE',
      runsSucceeded: 1,
    });
    expect(events.events).toEqual([
      expect.objectContaining({
        status: 'SUCCEEDED',
        jobId: job.jobId,
        tenant: 'tenant-a',
        runId: RUN,
        attempt: 1,
      }),
    ]);
  });

  it('derives the same scheduled time for a redelivery and does not call the target again', async () => {
    await executeFire(deps, fireAt('2026-11-27T10:01:04Z'));
    expect(await executeFire(deps, fireAt('2026-11-27T10:01:04Z'))).toEqual({
      kind: 'duplicate',
      runId: RUN,
    });
    expect(targets.calls).toHaveLength(1);
  });

  it('uses the scheduled time EventBridge Scheduler substituted when there is one', async () => {
    const result = await executeFire(deps, fireAt('2026-11-27T10:01:04Z', '2026-11-27T10:01:00Z'));
    expect(result).toMatchObject({ kind: 'ran', runId: RUN });
  });

  it('lets one of many concurrent deliveries call the target; the others come back when its lease ends', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () => executeFire(deps, fireAt('2026-11-27T10:01:04Z'))),
    );
    expect(targets.calls).toHaveLength(1);
    expect(results.filter((result) => result.kind === 'ran')).toHaveLength(1);
  });

  it('sends a delivery that finds a live holder back for when the lease ends, then acknowledges it as a duplicate', async () => {
    await runs.acquire({
      jobId: job.jobId,
      runId: RUN,
      trigger: 'schedule',
      scheduledTime: RUN,
      leaseMs: 20_000,
      nowMs: clock.now,
    });
    expect(await executeFire(deps, fireAt('2026-11-27T10:01:04Z'))).toEqual({
      kind: 'in_progress',
      runId: RUN,
      delaySeconds: 21,
    });
    expect(targets.calls).toHaveLength(0);
  });

  it('takes over a fire whose executor died holding the lock, once its lease expired', async () => {
    await runs.acquire({
      jobId: job.jobId,
      runId: RUN,
      trigger: 'schedule',
      scheduledTime: RUN,
      leaseMs: 1_000,
      nowMs: clock.now,
    });
    clock.advance(1_001);
    expect(await executeFire(deps, fireAt('2026-11-27T10:01:04Z'))).toMatchObject({
      kind: 'ran',
      status: 'SUCCEEDED',
      attempt: 2,
    });
    expect(targets.calls).toHaveLength(1);
  });

  it('retries a failed call with growing delays, then fails the run with the last error and an event', async () => {
    targets.answers.push(
      { ok: false, statusCode: 500, error: 'target answered HTTP 500' },
      { ok: false, error: 'timed out after 10 s' },
      { ok: false, error: 'request failed: ECONNREFUSED' },
    );
    const first = await executeFire(deps, fireAt('2026-11-27T10:01:04Z'));
    expect(first).toEqual({
      kind: 'retry',
      runId: RUN,
      attempt: 1,
      delaySeconds: 10,
      error: 'target answered HTTP 500',
    });
    expect(await runs.get(job.jobId, RUN)).toMatchObject({
      status: 'RUNNING',
      nextAttemptAt: '2026-11-27T10:01:15.000Z',
    });
    // An early duplicate cannot jump the queue: the run is locked until its retry is due.
    expect(await executeFire(deps, fireAt('2026-11-27T10:01:04Z'))).toMatchObject({ kind: 'in_progress' });
    clock.advance(10_001);
    expect(await executeFire(deps, fireAt('2026-11-27T10:01:04Z'))).toMatchObject({
      kind: 'retry',
      attempt: 2,
      delaySeconds: 20,
    });
    clock.advance(20_001);
    const last = await executeFire(deps, fireAt('2026-11-27T10:01:04Z'));
    expect(last).toEqual({
      kind: 'ran',
      runId: RUN,
      status: 'FAILED',
      attempt: 3,
      error: 'request failed: ECONNREFUSED',
    });
    expect(targets.calls).toHaveLength(3);
    const run = await runs.get(job.jobId, RUN);
    expect(run).toMatchObject({
      status: 'FAILED',
      attempt: 3,
      outcome: { error: 'request failed: ECONNREFUSED' },
    });
    expect(run?.attempts?.map((a) => a.outcome.error)).toEqual([
      'target answered HTTP 500',
      'timed out after 10 s',
      'request failed: ECONNREFUSED',
    ]);
    expect(events.events).toEqual([expect.objectContaining({ status: 'FAILED', attempt: 3 })]);
    expect(await jobs.get(job.jobId)).toMatchObject({ lastRunStatus: 'FAILED', runsFailed: 1 });
    // And nothing more: a further delivery is a duplicate.
    clock.advance(60_000);
    expect(await executeFire(deps, fireAt('2026-11-27T10:01:04Z'))).toMatchObject({ kind: 'duplicate' });
    expect(targets.calls).toHaveLength(3);
  });

  it('honours Retry-After when it asks for longer than the backoff', async () => {
    targets.answers.push({
      ok: false,
      statusCode: 503,
      error: 'target answered HTTP 503',
      retryAfterSeconds: 120,
    });
    expect(await executeFire(deps, fireAt('2026-11-27T10:01:04Z'))).toMatchObject({
      kind: 'retry',
      delaySeconds: 120,
    });
  });

  it('fails without calling when the executor of the last attempt died before recording it', async () => {
    jobs.jobs.set(job.jobId, { ...job, retryPolicy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 } });
    await runs.acquire({
      jobId: job.jobId,
      runId: RUN,
      trigger: 'schedule',
      scheduledTime: RUN,
      leaseMs: 1,
      nowMs: clock.now,
    });
    clock.advance(10);
    const result = await executeFire(deps, fireAt('2026-11-27T10:01:04Z'));
    expect(result).toMatchObject({ kind: 'ran', status: 'FAILED', attempt: 2 });
    expect(targets.calls).toHaveLength(0);
  });

  it('completes a one-time job after its fire', async () => {
    jobs.jobs.set(job.jobId, {
      ...job,
      schedule: { expression: 'at(2026-11-27T10:01:00)', timezone: 'UTC' },
    });
    await executeFire(deps, fireAt('2026-11-27T10:01:04Z'));
    const stored = await jobs.get(job.jobId);
    expect(stored).toMatchObject({ status: 'COMPLETED', lastRunStatus: 'SUCCEEDED' });
    expect(stored?.nextRunAt).toBeUndefined();
  });

  it('does not complete or reschedule a job that was changed while its run was in flight', async () => {
    const slow = new FakeTargets();
    slow.call = async (request) => {
      jobs.jobs.set(job.jobId, { ...job, revision: 2, name: 'changed meanwhile' });
      return FakeTargets.prototype.call.call(slow, request);
    };
    await executeFire({ ...deps, targets: slow }, fireAt('2026-11-27T10:01:04Z'));
    expect(await jobs.get(job.jobId)).toMatchObject({ revision: 2, nextRunAt: RUN, runsSucceeded: 1 });
  });

  it.each([
    ['the job is paused', { status: 'PAUSED' as const }, 'paused'],
    ['the job is completed', { status: 'COMPLETED' as const }, 'completed'],
  ])('records a SKIPPED run without calling when %s', async (_case, change, reason) => {
    jobs.jobs.set(job.jobId, { ...job, ...change });
    expect(await executeFire(deps, fireAt('2026-11-27T10:01:04Z'))).toEqual({
      kind: 'skipped',
      reason,
      runId: RUN,
    });
    expect(await runs.get(job.jobId, RUN)).toMatchObject({ status: 'SKIPPED', skipReason: reason });
    expect((await jobs.get(job.jobId))?.runsSkipped).toBe(1);
    expect(targets.calls).toHaveLength(0);
  });

  it.each([
    ['the job was deleted', () => jobs.jobs.delete(job.jobId), 'job_not_found'],
    [
      'the fire is from an older revision',
      () => jobs.jobs.set(job.jobId, { ...job, revision: 2 }),
      'stale_revision',
    ],
  ])('skips without recording a run when %s', async (_case, arrange, reason) => {
    arrange();
    expect(await executeFire(deps, fireAt('2026-11-27T10:01:04Z'))).toEqual({ kind: 'skipped', reason });
    expect(runs.runs.size).toBe(0);
    expect(targets.calls).toHaveLength(0);
  });

  it('under overlap "forbid", skips a fire while another run of the job is still running', async () => {
    jobs.jobs.set(job.jobId, { ...job, overlap: 'forbid' });
    await runs.acquire({
      jobId: job.jobId,
      runId: ANCHOR,
      trigger: 'schedule',
      scheduledTime: ANCHOR,
      leaseMs: 60_000,
      nowMs: clock.now,
    });
    expect(await executeFire(deps, fireAt('2026-11-27T10:01:04Z'))).toEqual({
      kind: 'skipped',
      reason: 'overlap',
      runId: RUN,
    });
    // Once that run is over, the next fire runs.
    clock.advance(60_001);
    expect(await executeFire(deps, fireAt('2026-11-27T10:02:04Z'))).toMatchObject({ kind: 'ran' });
  });

  it('runs a manual fire under its own run id, even while the job is paused, without moving the schedule', async () => {
    const { nextRunAt: _n, ...rest } = job;
    jobs.jobs.set(job.jobId, { ...rest, status: 'PAUSED' });
    const runId = '2026-11-27T10:01:02.000Z~01JZZ';
    const manual = {
      message: {
        jobId: job.jobId,
        tenant: job.tenant,
        revision: 1,
        scheduledTime: '2026-11-27T10:01:02.000Z',
        manualRunId: runId,
      },
      sentAtMs: Date.parse('2026-11-27T10:01:02Z'),
      leaseMs: 25_000,
    };
    expect(await executeFire(deps, manual)).toMatchObject({ kind: 'ran', runId });
    expect(await executeFire(deps, manual)).toMatchObject({ kind: 'duplicate' });
    expect(targets.calls.map((call) => call.idempotencyKey)).toEqual([`${job.jobId}/${runId}`]);
    expect(await runs.get(job.jobId, runId)).toMatchObject({ trigger: 'manual' });
    const stored = await jobs.get(job.jobId);
    expect(stored).toMatchObject({ status: 'PAUSED', lastRunStatus: 'SUCCEEDED' });
    expect(stored?.nextRunAt).toBeUndefined();
  });

  it('keys a fire by its send time when no fire of the current schedule was due yet (emulator after an update)', async () => {
    jobs.jobs.set(job.jobId, { ...job, scheduleAnchorAt: '2026-11-27T10:01:30.000Z' });
    const result = await executeFire(deps, fireAt('2026-11-27T10:01:10Z'));
    expect(result).toMatchObject({ kind: 'ran', runId: '2026-11-27T10:01:10.000Z' });
  });

  it('does not complete a windowed job on a late run while its last fire is still queued', async () => {
    jobs.jobs.set(job.jobId, {
      ...job,
      schedule: { expression: 'rate(1 minute)', timezone: 'UTC', endAt: '2026-11-27T10:02:00Z' },
    });
    clock.now = Date.parse('2026-11-27T10:02:30Z'); // the 10:01 run finishes after the last fire's time
    await executeFire(deps, fireAt('2026-11-27T10:01:04Z'));
    expect(await jobs.get(job.jobId)).toMatchObject({
      status: 'ACTIVE',
      nextRunAt: '2026-11-27T10:02:00.000Z',
    });
    expect(await executeFire(deps, fireAt('2026-11-27T10:02:04Z'))).toMatchObject({
      kind: 'ran',
      runId: '2026-11-27T10:02:00.000Z',
    });
    expect(await jobs.get(job.jobId)).toMatchObject({ status: 'COMPLETED' });
  });

  it('closes a run left waiting for its retry as SKIPPED when the job was paused meanwhile, and counts it once', async () => {
    targets.answers.push({ ok: false, statusCode: 500, error: 'target answered HTTP 500' });
    expect(await executeFire(deps, fireAt('2026-11-27T10:01:04Z'))).toMatchObject({ kind: 'retry' });
    jobs.jobs.set(job.jobId, { ...job, status: 'PAUSED', revision: 2 });
    clock.advance(10_001);
    expect(await executeFire(deps, fireAt('2026-11-27T10:01:04Z'))).toEqual({
      kind: 'skipped',
      reason: 'paused',
      runId: RUN,
    });
    expect(await executeFire(deps, fireAt('2026-11-27T10:01:04Z'))).toEqual({
      kind: 'skipped',
      reason: 'paused',
      runId: RUN,
    });
    expect(await runs.get(job.jobId, RUN)).toMatchObject({
      status: 'SKIPPED',
      skipReason: 'paused',
      attempt: 1,
    });
    expect(await jobs.get(job.jobId)).toMatchObject({
      runsSkipped: 1,
      lastSkipReason: 'paused',
      lastSkippedAt: new Date(clock.nowMs()).toISOString(),
    });
    expect(targets.calls).toHaveLength(1);
  });

  it('closes a waiting run of a replaced schedule, but never creates one under its time', async () => {
    targets.answers.push({ ok: false, statusCode: 500, error: 'e' });
    await executeFire(deps, fireAt('2026-11-27T10:01:04Z'));
    jobs.jobs.set(job.jobId, { ...job, revision: 2 });
    clock.advance(10_001);
    expect(await executeFire(deps, fireAt('2026-11-27T10:01:04Z'))).toEqual({
      kind: 'skipped',
      reason: 'stale_revision',
    });
    expect(await runs.get(job.jobId, RUN)).toMatchObject({ status: 'SKIPPED', skipReason: 'stale_revision' });
    expect(await executeFire(deps, fireAt('2026-11-27T10:02:04Z'))).toEqual({
      kind: 'skipped',
      reason: 'stale_revision',
    });
    expect(await runs.get(job.jobId, '2026-11-27T10:02:00.000Z')).toBeUndefined();
  });

  it('bounds the target call by the lease, whatever the target’s own timeout', async () => {
    await executeFire(deps, { ...fireAt('2026-11-27T10:01:04Z'), leaseMs: 5_000 });
    expect(targets.calls[0]?.maxDurationMs).toBe(4_000);
  });

  it('skips a fire whose tenant does not own the job', async () => {
    const fire = fireAt('2026-11-27T10:01:04Z');
    const result = await executeFire(deps, { ...fire, message: { ...fire.message, tenant: 'tenant-b' } });
    expect(result).toEqual({ kind: 'skipped', reason: 'job_not_found' });
  });

  it('closes the run a deleted job left waiting for its retry when that retry comes back, and calls nothing', async () => {
    targets.answers.push({ ok: false, statusCode: 500, error: 'target answered HTTP 500' });
    expect(await executeFire(deps, fireAt('2026-11-27T10:01:04Z'))).toMatchObject({ kind: 'retry' });
    jobs.jobs.delete(job.jobId);
    clock.advance(10_001);
    expect(await executeFire(deps, fireAt('2026-11-27T10:01:04Z'))).toEqual({
      kind: 'skipped',
      reason: 'job_not_found',
    });
    expect(await runs.get(job.jobId, RUN)).toMatchObject({ status: 'SKIPPED', skipReason: 'job_deleted' });
    expect(targets.calls).toHaveLength(1);
  });

  it('never opens again for a retry a run closed while its attempt was in flight (the job was deleted)', async () => {
    // The delete lands during the call: the run is closed under the executor's feet.
    const closingTargets = {
      call: async () => {
        await runs.closeOpenRuns(job.jobId, 'job_deleted', clock.nowMs());
        return { ok: false, statusCode: 500, durationMs: 5, error: 'target answered HTTP 500' };
      },
    };
    const result = await executeFire({ ...deps, targets: closingTargets }, fireAt('2026-11-27T10:01:04Z'));
    expect(result).toEqual({ kind: 'lease_lost', runId: RUN });
    expect(await runs.get(job.jobId, RUN)).toMatchObject({ status: 'SKIPPED', skipReason: 'job_deleted' });
  });
});
