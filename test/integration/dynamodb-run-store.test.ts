import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbRunStore } from '../../lambdas/adapters/dynamodb-run-store.js';
import { createJobTable, deleteTable, documentClient } from '../support/local-aws.js';
import { scheduledRunLock } from '../support/run-requests.js';

const JOB = '01JDDDDDDDDDDDDDDDDDDDDDDD';
const now = Date.now();

describe('DynamoDbRunStore against the local DynamoDB', () => {
  let tableName: string;
  let runs: DynamoDbRunStore;
  beforeAll(async () => {
    tableName = await createJobTable('run-store');
    runs = new DynamoDbRunStore(documentClient, tableName, 30);
  });
  afterAll(async () => deleteTable(tableName));

  it('grants the lock once per (job, scheduled time) and reports the holder to the losers', async () => {
    const scheduledTime = '2026-11-27T10:00:00.000Z';
    const attempts = await Promise.all(
      Array.from({ length: 20 }, () =>
        runs.acquire(scheduledRunLock(JOB, scheduledTime, { leaseMs: 30_000, nowMs: now })),
      ),
    );
    const winners = attempts.filter((attempt) => attempt.acquired);
    expect(winners).toHaveLength(1);
    const loser = attempts.find((attempt) => !attempt.acquired);
    expect(loser).toMatchObject({ acquired: false, holder: { status: 'RUNNING', jobId: JOB } });
  });

  it('keeps fires of different scheduled times apart', async () => {
    const a = await runs.acquire(
      scheduledRunLock(JOB, '2026-11-27T11:00:00.000Z', { leaseMs: 30_000, nowMs: now }),
    );
    const b = await runs.acquire(
      scheduledRunLock(JOB, '2026-11-27T11:01:00.000Z', { leaseMs: 30_000, nowMs: now }),
    );
    expect([a.acquired, b.acquired]).toEqual([true, true]);
  });

  it('lets another executor take over only after the lease expired, and then fences the old holder', async () => {
    const scheduledTime = '2026-11-27T12:00:00.000Z';
    const first = await runs.acquire(scheduledRunLock(JOB, scheduledTime, { leaseMs: 1_000, nowMs: now }));
    const early = await runs.acquire(
      scheduledRunLock(JOB, scheduledTime, { leaseMs: 1_000, nowMs: now + 999 }),
    );
    const late = await runs.acquire(
      scheduledRunLock(JOB, scheduledTime, { leaseMs: 1_000, nowMs: now + 1_001 }),
    );
    expect([first.acquired, early.acquired, late.acquired]).toEqual([true, false, true]);
    if (!first.acquired || !late.acquired) throw new Error('unreachable');
    const outcome = { statusCode: 200, durationMs: 3 };
    const base = {
      jobId: JOB,
      runId: scheduledTime,
      attempt: 2,
      attemptStartedAtMs: now + 1_001,
      result: { status: 'SUCCEEDED' } as const,
      outcome,
      nowMs: now + 1_500,
    };
    expect(late.attempt).toBe(2);
    expect(await runs.recordAttempt({ ...base, leaseToken: first.leaseToken })).toBe(false);
    expect(await runs.recordAttempt({ ...base, leaseToken: late.leaseToken })).toBe(true);
  });

  it('never hands out a finished run again, and stores TTL in epoch seconds', async () => {
    const scheduledTime = '2026-11-27T13:00:00.000Z';
    const lock = await runs.acquire(scheduledRunLock(JOB, scheduledTime, { leaseMs: 1, nowMs: now }));
    if (!lock.acquired) throw new Error('lock expected');
    await runs.recordAttempt({
      jobId: JOB,
      runId: scheduledTime,
      leaseToken: lock.leaseToken,
      attempt: 1,
      attemptStartedAtMs: now,
      result: { status: 'FAILED' },
      outcome: { durationMs: 10, error: 'target answered HTTP 500' },
      nowMs: now,
    });
    const much = await runs.acquire(
      scheduledRunLock(JOB, scheduledTime, { leaseMs: 1, nowMs: now + 86_400_000 }),
    );
    expect(much.acquired).toBe(false);
    const run = await runs.get(JOB, scheduledTime);
    expect(run).toMatchObject({ status: 'FAILED', outcome: { error: 'target answered HTTP 500' } });
    expect(run?.leaseExpiresAtMs).toBeUndefined();
    expect(run).not.toHaveProperty('leaseToken');
    const { Item } = await documentClient.send(
      new (await import('@aws-sdk/lib-dynamodb')).GetCommand({
        TableName: tableName,
        Key: { PK: `JOB#${JOB}`, SK: `RUN#${scheduledTime}` },
      }),
    );
    expect(Item?.ttlEpochSeconds).toBe(Math.floor(now / 1000) + 30 * 86_400);
  });

  it("lists a job's runs newest first, page by page, and refuses a cursor of another job", async () => {
    const other = '01JHHHHHHHHHHHHHHHHHHHHHHH';
    for (const minute of ['01', '02', '03']) {
      const time = `2026-11-28T10:${minute}:00.000Z`;
      await runs.acquire(scheduledRunLock(other, time, { leaseMs: 1, nowMs: now }));
    }
    const first = await runs.list(other, { limit: 2 });
    expect(first.items.map((run) => run.runId)).toEqual([
      '2026-11-28T10:03:00.000Z',
      '2026-11-28T10:02:00.000Z',
    ]);
    const second = await runs.list(other, {
      limit: 2,
      ...(first.nextCursor ? { cursor: first.nextCursor } : {}),
    });
    expect(second.items.map((run) => run.runId)).toEqual(['2026-11-28T10:01:00.000Z']);
    expect(second.nextCursor).toBeUndefined();
    await expect(runs.list(JOB, { limit: 2, cursor: first.nextCursor ?? '' })).rejects.toMatchObject({
      code: 'invalid_cursor',
    });
  });

  it('keeps a run locked and RUNNING while its retry waits, counts attempts, and keeps their history', async () => {
    const runId = '2026-11-29T10:00:00.000Z';
    const first = await runs.acquire(scheduledRunLock(JOB, runId, { leaseMs: 5_000, nowMs: now }));
    if (!first.acquired) throw new Error('lock expected');
    const failure = {
      statusCode: 503,
      durationMs: 4,
      error: 'target answered HTTP 503',
      responseSnippet: 'busy',
    };
    await runs.recordAttempt({
      jobId: JOB,
      runId,
      leaseToken: first.leaseToken,
      attempt: 1,
      attemptStartedAtMs: now,
      outcome: failure,
      result: { status: 'RETRY', retryAtMs: now + 60_000 },
      nowMs: now + 10,
    });
    const waiting = await runs.get(JOB, runId);
    expect(waiting).toMatchObject({
      status: 'RUNNING',
      attempt: 1,
      nextAttemptAt: new Date(now + 60_000).toISOString(),
    });
    expect(await runs.hasLiveRun(JOB, 'another-run', now + 30_000)).toBe(true);
    expect(
      (await runs.acquire(scheduledRunLock(JOB, runId, { leaseMs: 5_000, nowMs: now + 59_999 }))).acquired,
    ).toBe(false);
    const second = await runs.acquire(scheduledRunLock(JOB, runId, { leaseMs: 5_000, nowMs: now + 60_001 }));
    expect(second).toMatchObject({ acquired: true, attempt: 2 });
    if (!second.acquired) throw new Error('lock expected');
    await runs.recordAttempt({
      jobId: JOB,
      runId,
      leaseToken: second.leaseToken,
      attempt: 2,
      attemptStartedAtMs: now + 60_001,
      outcome: { statusCode: 200, durationMs: 3 },
      result: { status: 'SUCCEEDED' },
      nowMs: now + 60_010,
    });
    const done = await runs.get(JOB, runId);
    expect(done).toMatchObject({ status: 'SUCCEEDED', attempt: 2, startedAt: new Date(now).toISOString() });
    expect(done?.attempts?.map((a) => a.outcome.statusCode)).toEqual([503, 200]);
    expect(done?.nextAttemptAt).toBeUndefined();
    expect(await runs.hasLiveRun(JOB, 'another-run', now + 60_020)).toBe(false);
  });

  it('records a skipped fire once, and never over an existing run', async () => {
    const runId = '2026-11-30T10:00:00.000Z';
    await runs.recordSkip({
      jobId: JOB,
      runId,
      scheduledTime: runId,
      trigger: 'schedule',
      reason: 'paused',
      nowMs: now,
    });
    await runs.recordSkip({
      jobId: JOB,
      runId,
      scheduledTime: runId,
      trigger: 'schedule',
      reason: 'overlap',
      nowMs: now,
    });
    expect(await runs.get(JOB, runId)).toMatchObject({ status: 'SKIPPED', skipReason: 'paused' });
    expect((await runs.acquire(scheduledRunLock(JOB, runId, { leaseMs: 1, nowMs: now }))).acquired).toBe(
      false,
    );
  });

  it("closes a deleted job's open runs as SKIPPED job_deleted, and a retry never reopens a closed run", async () => {
    const job = '01JCCCCCCCCCCCCCCCCCCCCCCC';
    const take = (runId: string) =>
      runs.acquire(scheduledRunLock(job, runId, { leaseMs: 30_000, nowMs: now }));
    const waiting = await take('2026-11-27T10:00:00.000Z');
    const inFlight = await take('2026-11-27T10:01:00.000Z');
    const finished = await take('2026-11-27T10:02:00.000Z');
    if (!waiting.acquired || !inFlight.acquired || !finished.acquired) throw new Error('locks not taken');
    const record = (
      runId: string,
      leaseToken: string,
      result: { status: 'SUCCEEDED' } | { status: 'RETRY'; retryAtMs: number },
    ) =>
      runs.recordAttempt({
        jobId: job,
        runId,
        leaseToken,
        attempt: 1,
        attemptStartedAtMs: now,
        outcome: { durationMs: 1 },
        result,
        nowMs: now,
      });
    await record('2026-11-27T10:00:00.000Z', waiting.leaseToken, {
      status: 'RETRY',
      retryAtMs: now + 600_000,
    });
    await record('2026-11-27T10:02:00.000Z', finished.leaseToken, { status: 'SUCCEEDED' });

    // A fire coming back for an expired lease closes none of these: the retry is not due, the other is live.
    expect(await runs.closeOpenRuns(job, 'job_deleted', now, { leaseExpiredOnly: true })).toBe(0);
    expect(await runs.closeOpenRuns(job, 'job_deleted', now)).toBe(2);
    expect(await runs.get(job, '2026-11-27T10:00:00.000Z')).toMatchObject({
      status: 'SKIPPED',
      skipReason: 'job_deleted',
    });
    expect(await runs.get(job, '2026-11-27T10:02:00.000Z')).toMatchObject({ status: 'SUCCEEDED' });
    expect(
      await record('2026-11-27T10:01:00.000Z', inFlight.leaseToken, {
        status: 'RETRY',
        retryAtMs: now + 60_000,
      }),
    ).toBe(false);
    expect(await runs.get(job, '2026-11-27T10:01:00.000Z')).toMatchObject({
      status: 'SKIPPED',
      skipReason: 'job_deleted',
    });
  });
});
