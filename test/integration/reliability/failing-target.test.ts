import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Job } from '../../../lambdas/domain/job.js';
import type { Run } from '../../../lambdas/domain/run.js';
import { createJobTable, deleteTable } from '../../support/local-aws.js';
import {
  createDispatchQueue,
  deleteDispatchQueue,
  type LocalDispatchQueue,
  queueDepth,
  sendBodies,
} from '../../support/local-queue.js';
import { pollFor, pollUntil } from '../../support/queue-poller.js';
import {
  fireBody,
  fireKey,
  fireTime,
  type RealExecutor,
  realExecutor,
  webhookJob,
} from '../../support/real-executor.js';
import { refusingUrl, ScriptedReceiver } from '../../support/scripted-receiver.js';

vi.hoisted(() => {
  process.env.LOG_LEVEL = 'warn';
});

const POLICY = { maxAttempts: 3, initialDelaySeconds: 1, multiplier: 2, maxDelaySeconds: 60 };
/** After the run ended, the executor keeps polling this long: no further attempt may come. */
const QUIET_MS = 4_000;
/** Retries are timed by the queue's visibility: never early (but for clock rounding), late by at most this. */
const EARLY_MS = 50;
const LATE_MS = 2_500;

/** Seconds from the end of each attempt to the start of the next, as the run records them. */
function gapsBetweenAttempts(run: Run | undefined): number[] {
  const attempts = run?.attempts ?? [];
  return attempts.slice(1).map((attempt, index) => {
    const previous = attempts[index];
    const previousEnd = Date.parse(previous?.startedAt ?? '') + (previous?.outcome.durationMs ?? 0);
    return (Date.parse(attempt.startedAt) - previousEnd) / 1000;
  });
}

const seconds = (values: number[]) => values.map((value) => `${value.toFixed(2)} s`).join(', ');

describe('a failing target, retried through the real queue', () => {
  let tableName: string;
  let queue: LocalDispatchQueue;
  let executor: RealExecutor;
  const receivers: ScriptedReceiver[] = [];

  beforeAll(async () => {
    tableName = await createJobTable('reliability-failing');
    queue = await createDispatchQueue('reliability-failing', 30);
    executor = realExecutor({ tableName, queue: queue.control });
  });
  afterAll(async () => {
    await Promise.all(receivers.map((receiver) => receiver.stop()));
    await deleteDispatchQueue(queue);
    if (tableName) await deleteTable(tableName);
  });

  const receiver = async (answer: ConstructorParameters<typeof ScriptedReceiver>[0]) => {
    const started = await new ScriptedReceiver(answer).start();
    receivers.push(started);
    return started;
  };

  /** Fires the job once through the queue and runs the executor until the run ended and a quiet period passed. */
  async function fireUntilTheRunEnds(job: Job) {
    await executor.jobs.create(job, { quota: 10 });
    const runId = fireTime(1);
    await sendBodies(queue.queueUrl, [fireBody(job, runId)]);
    const options = { queueUrl: queue.queueUrl, invocationMs: 30_000 };
    const runNow = () => executor.runs.get(job.jobId, runId);
    const ended = await pollUntil(
      executor.deps,
      options,
      async () => ['SUCCEEDED', 'FAILED'].includes((await runNow())?.status ?? 'none'),
      30_000,
    );
    const attemptsAtEnd = (await runNow())?.attempts?.length;
    await pollFor(executor.deps, options, QUIET_MS);
    const run = await runNow();
    const events = executor.events.events.filter((event) => event.jobId === job.jobId);
    return { runId, ended, attemptsAtEnd, run, events, gaps: gapsBetweenAttempts(run) };
  }

  /** What every exhausted fire must show: three attempts 1 s then 2 s apart, FAILED once, then silence. */
  async function expectFailedAfterBackoff(job: Job, error: string, label: string, calls?: ScriptedReceiver) {
    const { runId, ended, attemptsAtEnd, run, events, gaps } = await fireUntilTheRunEnds(job);
    console.log(
      `[reliability] failing target (${label}): attempts ${run?.attempts?.length}, ` +
        `gaps between attempts ${seconds(gaps)} (policy: 1 s, 2 s)` +
        (calls
          ? `, gaps between calls received ${seconds(calls.calls.slice(1).map((call, index) => (call.at - (calls.calls[index]?.at ?? 0)) / 1000))}`
          : '') +
        `, final ${run?.status} "${run?.outcome?.error}", run events ${events.length}`,
    );
    expect(ended).toBe(true);
    expect(run).toMatchObject({ status: 'FAILED', attempt: 3, outcome: { error } });
    expect(run?.attempts?.map((attempt) => [attempt.attempt, attempt.outcome.error])).toEqual([
      [1, error],
      [2, error],
      [3, error],
    ]);
    expect(run?.attempts).toHaveLength(attemptsAtEnd ?? -1);
    const [first = Number.NaN, second = Number.NaN] = gaps;
    expect(first).toBeGreaterThanOrEqual(1 - EARLY_MS / 1000);
    expect(first).toBeLessThanOrEqual(1 + LATE_MS / 1000);
    expect(second).toBeGreaterThanOrEqual(2 - EARLY_MS / 1000);
    expect(second).toBeLessThanOrEqual(2 + LATE_MS / 1000);
    expect(second).toBeGreaterThan(first);
    expect(events.map((event) => [event.status, event.runId, event.attempt, event.outcome.error])).toEqual([
      ['FAILED', runId, 3, error],
    ]);
    if (calls) {
      expect(calls.calls.map((call) => call.headers['idempotency-key'])).toEqual(
        Array.from({ length: 3 }, () => fireKey(job.jobId, runId)),
      );
    }
    expect(await queueDepth(queue.queueUrl)).toBe(0);
  }

  it('retries a target answering 500 after 1 s then 2 s, then records FAILED with its last error, once', async () => {
    const target = await receiver(() => ({ status: 500 }));
    const job = webhookJob({ url: target.url('/500'), retryPolicy: POLICY });
    await expectFailedAfterBackoff(job, 'target answered HTTP 500', '500', target);
  });

  it('retries a target that does not answer within timeoutSeconds after 1 s then 2 s, then records FAILED', async () => {
    const target = await receiver(() => 'never');
    const job = webhookJob({ url: target.url('/silent'), retryPolicy: POLICY, timeoutSeconds: 1 });
    await expectFailedAfterBackoff(job, 'timed out after 1 s', 'timeout', target);
  });

  it('retries a target refusing the connection after 1 s then 2 s, then records FAILED', async () => {
    const job = webhookJob({ url: await refusingUrl('/closed'), retryPolicy: POLICY });
    await expectFailedAfterBackoff(job, 'request failed: ECONNREFUSED', 'connection refused');
  });

  it("waits as long as a 429's Retry-After asks (2 s) when the policy's delay is shorter (1 s)", async () => {
    const target = await receiver((index) =>
      index === 0 ? { status: 429, headers: { 'retry-after': '2' } } : { status: 200 },
    );
    const job = webhookJob({ url: target.url('/throttled'), retryPolicy: POLICY });
    const { ended, run, events, gaps } = await fireUntilTheRunEnds(job);
    const [first, second] = target.calls;
    const callGap = ((second?.at ?? Number.NaN) - (first?.at ?? Number.NaN)) / 1000;
    console.log(
      `[reliability] failing target (429, Retry-After: 2): gap between attempts ${seconds(gaps)}, ` +
        `between calls received ${callGap.toFixed(2)} s, final ${run?.status} on attempt ${run?.attempt}`,
    );
    expect(ended).toBe(true);
    expect(run).toMatchObject({ status: 'SUCCEEDED', attempt: 2 });
    expect(target.calls).toHaveLength(2);
    expect(gaps[0]).toBeGreaterThanOrEqual(2 - EARLY_MS / 1000);
    expect(gaps[0]).toBeLessThanOrEqual(2 + LATE_MS / 1000);
    expect(callGap).toBeGreaterThanOrEqual(2);
    expect(events.map((event) => event.status)).toEqual(['SUCCEEDED']);
  });
});
