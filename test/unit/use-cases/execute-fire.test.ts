import { beforeEach, describe, expect, it } from 'vitest';
import { SCHEDULED_TIME_PLACEHOLDER } from '../../../lambdas/domain/fire-message.js';
import type { Job } from '../../../lambdas/domain/job.js';
import { executeFire } from '../../../lambdas/use-cases/execute-fire.js';
import {
  FakeTargets,
  InMemoryJobStore,
  InMemoryRunStore,
  ManualClock,
} from '../../support/in-memory-ports.js';

const ANCHOR = '2026-11-27T10:00:00.000Z';
const job: Job = {
  jobId: '01JAAAAAAAAAAAAAAAAAAAAAAA',
  tenant: 'tenant-a',
  name: 'sync',
  schedule: { expression: 'rate(1 minute)', timezone: 'UTC' },
  target: { type: 'http', url: 'https://example.com/hook', method: 'POST', headers: {}, timeoutSeconds: 10 },
  payload: { hello: 'world' },
  status: 'ACTIVE',
  revision: 1,
  createdAt: ANCHOR,
  updatedAt: ANCHOR,
  scheduleAnchorAt: ANCHOR,
  nextRunAt: '2026-11-27T10:01:00.000Z',
};

const fireAt = (sentIso: string, scheduledTime = SCHEDULED_TIME_PLACEHOLDER, revision = 1) => ({
  message: { jobId: job.jobId, tenant: job.tenant, revision, scheduledTime },
  sentAtMs: Date.parse(sentIso),
  leaseMs: 25_000,
});

describe('executeFire', () => {
  let jobs: InMemoryJobStore;
  let runs: InMemoryRunStore;
  let http: FakeTargets;
  let clock: ManualClock;
  let deps: Parameters<typeof executeFire>[0];

  beforeEach(async () => {
    jobs = new InMemoryJobStore();
    runs = new InMemoryRunStore();
    http = new FakeTargets();
    clock = new ManualClock(Date.parse('2026-11-27T10:01:05Z'));
    deps = { jobs, runs, targets: http, clock };
    await jobs.create(job, { quota: 10 });
  });

  it('calls the target once with the payload and the run idempotency key, then records success', async () => {
    const result = await executeFire(deps, fireAt('2026-11-27T10:01:04Z'));
    expect(result).toEqual({ kind: 'ran', runId: '2026-11-27T10:01:00.000Z', status: 'SUCCEEDED' });
    expect(http.calls).toEqual([
      {
        target: job.target,
        payload: job.payload,
        idempotencyKey: `${job.jobId}/2026-11-27T10:01:00.000Z`,
        jobId: job.jobId,
        runId: '2026-11-27T10:01:00.000Z',
      },
    ]);
    expect(await runs.get(job.jobId, '2026-11-27T10:01:00.000Z')).toMatchObject({
      trigger: 'schedule',
      scheduledTime: '2026-11-27T10:01:00.000Z',
      status: 'SUCCEEDED',
      outcome: { statusCode: 200 },
    });
    expect(await jobs.get(job.jobId)).toMatchObject({
      lastRunAt: '2026-11-27T10:01:00.000Z',
      lastRunStatus: 'SUCCEEDED',
      nextRunAt: '2026-11-27T10:02:00.000Z',
      status: 'ACTIVE',
    });
  });

  it('derives the same scheduled time for a redelivery and does not call the target again', async () => {
    await executeFire(deps, fireAt('2026-11-27T10:01:04Z'));
    const again = await executeFire(deps, fireAt('2026-11-27T10:01:04Z'));
    expect(again).toEqual({ kind: 'duplicate', runId: '2026-11-27T10:01:00.000Z' });
    expect(http.calls).toHaveLength(1);
  });

  it('uses the scheduled time EventBridge Scheduler substituted when there is one', async () => {
    const result = await executeFire(deps, fireAt('2026-11-27T10:01:04Z', '2026-11-27T10:01:00Z'));
    expect(result).toMatchObject({ kind: 'ran', runId: '2026-11-27T10:01:00.000Z' });
  });

  it('lets only one of many concurrent deliveries of a fire call the target', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () => executeFire(deps, fireAt('2026-11-27T10:01:04Z'))),
    );
    expect(http.calls).toHaveLength(1);
    expect(results.filter((result) => result.kind === 'ran')).toHaveLength(1);
  });

  it('takes over a fire whose executor died holding the lock, once its lease expired', async () => {
    await runs.acquire({
      jobId: job.jobId,
      runId: '2026-11-27T10:01:00.000Z',
      trigger: 'schedule',
      scheduledTime: '2026-11-27T10:01:00.000Z',
      leaseMs: 1_000,
      nowMs: clock.now,
    });
    expect(await executeFire(deps, fireAt('2026-11-27T10:01:04Z'))).toMatchObject({ kind: 'duplicate' });
    clock.advance(1_001);
    expect(await executeFire(deps, fireAt('2026-11-27T10:01:04Z'))).toMatchObject({
      kind: 'ran',
      status: 'SUCCEEDED',
    });
    expect(http.calls).toHaveLength(1);
  });

  it('records a failed call as FAILED with the error', async () => {
    http.answers.push({ ok: false, statusCode: 500, error: 'target answered HTTP 500' });
    const result = await executeFire(deps, fireAt('2026-11-27T10:01:04Z'));
    expect(result).toMatchObject({ kind: 'ran', status: 'FAILED', error: 'target answered HTTP 500' });
    expect(await jobs.get(job.jobId)).toMatchObject({ lastRunStatus: 'FAILED' });
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

  it.each([
    ['the job was deleted', async () => jobs.jobs.delete(job.jobId), 'job_not_found'],
    [
      'the job is completed',
      async () => jobs.jobs.set(job.jobId, { ...job, status: 'COMPLETED' }),
      'completed',
    ],
    [
      'the fire is from an older revision',
      async () => jobs.jobs.set(job.jobId, { ...job, revision: 2 }),
      'stale_revision',
    ],
    ['the job is paused', async () => jobs.jobs.set(job.jobId, { ...job, status: 'PAUSED' }), 'paused'],
  ])('skips without calling when %s', async (_case, arrange, reason) => {
    await arrange();
    expect(await executeFire(deps, fireAt('2026-11-27T10:01:04Z'))).toEqual({ kind: 'skipped', reason });
    expect(http.calls).toHaveLength(0);
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
    expect(http.calls.map((call) => call.idempotencyKey)).toEqual([`${job.jobId}/${runId}`]);
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

  it('skips a fire whose tenant does not own the job', async () => {
    const fire = fireAt('2026-11-27T10:01:04Z');
    const result = await executeFire(deps, { ...fire, message: { ...fire.message, tenant: 'tenant-b' } });
    expect(result).toEqual({ kind: 'skipped', reason: 'job_not_found' });
  });
});
