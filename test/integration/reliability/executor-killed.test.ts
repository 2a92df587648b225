import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
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
import { WebhookReceiver } from '../../support/webhook-receiver.js';
import { WorkerProcess } from '../../support/worker-process.js';

vi.hoisted(() => {
  process.env.LOG_LEVEL = 'warn';
});

/** The dying executor's invocation: 4 s, so its lease is 2 s; the queue hides a received message for 3 s. */
const DYING_INVOCATION_MS = 4_000;
const VISIBILITY_SECONDS = 3;
/** After the run ended, the survivor keeps polling this long: no further call may come. */
const QUIET_MS = 4_000;

describe('an executor process killed in the middle of a fire', () => {
  let tableName: string;
  let queue: LocalDispatchQueue;
  let receiver: WebhookReceiver;
  /** The survivor: this test process, polling the same queue with the real executor. */
  let survivor: RealExecutor;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    tableName = await createJobTable('reliability-killed');
    queue = await createDispatchQueue('reliability-killed', VISIBILITY_SECONDS);
    receiver = await new WebhookReceiver().start();
    survivor = realExecutor({ tableName, queue: queue.control });
  });
  afterEach(() => worker?.kill());
  afterAll(async () => {
    await receiver?.stop();
    await deleteDispatchQueue(queue);
    if (tableName) await deleteTable(tableName);
  });

  /** Puts one fire on the queue and lets a worker process that SIGKILLs itself around the target call take it. */
  async function fireIntoADyingExecutor(path: string, sabotage: 'kill-before-call' | 'kill-after-call') {
    const job = webhookJob({ url: receiver.url(path) });
    await survivor.jobs.create(job, { quota: 10 });
    const runId = fireTime(1);
    worker = WorkerProcess.start({
      tableName,
      queueUrl: queue.queueUrl,
      deadLetterQueueUrl: queue.deadLetterQueueUrl,
      invocationMs: DYING_INVOCATION_MS,
      hardTimeoutMs: 20_000,
      sabotage,
    });
    await worker.ready(30_000);
    await sendBodies(queue.queueUrl, [fireBody(job, runId)]);
    const exit = await worker.exited(25_000);
    const killedAt = Date.now();
    const orphan = await survivor.runs.get(job.jobId, runId);
    return { job, runId, exit, killedAt, orphan, log: worker.log };
  }

  /** The survivor polls until the run has ended, then through a quiet period. */
  async function surviveUntilTheRunEnds(jobId: string, runId: string) {
    const options = { queueUrl: queue.queueUrl, invocationMs: 30_000 };
    const ended = await pollUntil(
      survivor.deps,
      options,
      async () => ['SUCCEEDED', 'FAILED'].includes((await survivor.runs.get(jobId, runId))?.status ?? 'none'),
      20_000,
    );
    await pollFor(survivor.deps, options, QUIET_MS);
    return ended;
  }

  it('delivers the fire again and calls the target exactly once, after the lease, when the executor dies before calling', async () => {
    const path = '/killed-before-call';
    const { job, runId, exit, killedAt, orphan, log } = await fireIntoADyingExecutor(
      path,
      'kill-before-call',
    );
    expect(exit, log).toEqual({ code: null, signal: 'SIGKILL' });
    expect(orphan).toMatchObject({ status: 'RUNNING', attempt: 1 });
    expect(receiver.callsTo(path)).toHaveLength(0);

    expect(await surviveUntilTheRunEnds(job.jobId, runId)).toBe(true);
    const calls = receiver.callsTo(path);
    const run = await survivor.runs.get(job.jobId, runId);
    const events = survivor.events.events.filter((event) => event.jobId === job.jobId);
    const leaseEnd = orphan?.leaseExpiresAtMs ?? Number.NaN;
    console.log(
      `[reliability] killed before the call: target calls ${calls.length}, ` +
        `redelivered call ${((calls[0]?.at ?? Number.NaN) - killedAt) / 1000} s after the kill and ` +
        `${((calls[0]?.at ?? Number.NaN) - leaseEnd) / 1000} s after the dead holder's lease ended, ` +
        `run ${run?.status} on attempt ${run?.attempt}, run events ${events.length}`,
    );
    expect(calls.map((call) => call.headers['idempotency-key'])).toEqual([fireKey(job.jobId, runId)]);
    expect(calls[0]?.at).toBeGreaterThan(leaseEnd);
    expect(run).toMatchObject({ status: 'SUCCEEDED', attempt: 2, attempts: [{ attempt: 2 }] });
    expect(events.map((event) => [event.status, event.runId])).toEqual([['SUCCEEDED', runId]]);
    expect(await queueDepth(queue.queueUrl)).toBe(0);
  });

  it('calls the target at most twice with the same Idempotency-Key and ends the run SUCCEEDED once, when the executor dies after calling', async () => {
    const path = '/killed-after-call';
    const { job, runId, exit, orphan, log } = await fireIntoADyingExecutor(path, 'kill-after-call');
    expect(exit, log).toEqual({ code: null, signal: 'SIGKILL' });
    expect(orphan).toMatchObject({ status: 'RUNNING', attempt: 1 });
    expect(receiver.callsTo(path)).toHaveLength(1);

    expect(await surviveUntilTheRunEnds(job.jobId, runId)).toBe(true);
    const calls = receiver.callsTo(path);
    const run = await survivor.runs.get(job.jobId, runId);
    const events = survivor.events.events.filter((event) => event.jobId === job.jobId);
    console.log(
      `[reliability] killed after the call: target calls ${calls.length} ` +
        `(keys ${[...new Set(calls.map((call) => call.headers['idempotency-key']))].length} distinct), ` +
        `second call ${((calls[1]?.at ?? Number.NaN) - (calls[0]?.at ?? Number.NaN)) / 1000} s after the first, ` +
        `run ${run?.status} on attempt ${run?.attempt}, run events ${events.length}`,
    );
    expect(calls.length).toBeLessThanOrEqual(2);
    expect(new Set(calls.map((call) => call.headers['idempotency-key']))).toEqual(
      new Set([fireKey(job.jobId, runId)]),
    );
    expect(run).toMatchObject({ status: 'SUCCEEDED', attempts: [{ outcome: { statusCode: 200 } }] });
    expect(events.map((event) => [event.status, event.runId])).toEqual([['SUCCEEDED', runId]]);
    expect(await queueDepth(queue.queueUrl)).toBe(0);
  });
});
