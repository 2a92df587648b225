import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../lambdas/domain/job.js';
import { createJobTable, deleteTable } from '../../support/local-aws.js';
import {
  createDispatchQueue,
  deleteDispatchQueue,
  type LocalDispatchQueue,
  queueDepth,
  sendBodies,
} from '../../support/local-queue.js';
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

const JOBS = 200;
const FIRES_PER_JOB = 10;
const FIRES = JOBS * FIRES_PER_JOB;
const COPIES = 2;
const TEST_TIMEOUT_MS = 200_000;
/** Everything must be called and the queue drained within this, measured from the first send. */
const PROCESSING_BUDGET_MS = 150_000;

async function inParallel<T>(items: readonly T[], parallel: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < items.length; index = next++) await work(items[index] as T);
  };
  await Promise.all(Array.from({ length: parallel }, lane));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('two executor processes racing on one SQS queue', () => {
  let tableName: string;
  let queue: LocalDispatchQueue;
  let receiver: WebhookReceiver;
  let executor: RealExecutor;
  const jobs: Job[] = [];
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    tableName = await createJobTable('reliability-two-executors');
    queue = await createDispatchQueue('reliability-two-executors', 30);
    receiver = await new WebhookReceiver().start();
    executor = realExecutor({ tableName, queue: queue.control });
    for (let index = 0; index < JOBS; index++) jobs.push(webhookJob({ url: receiver.url('/two-executors') }));
    await inParallel(jobs, 10, (job) => executor.jobs.create(job, { quota: JOBS }));
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill();
    await receiver?.stop();
    await deleteDispatchQueue(queue);
    if (tableName) await deleteTable(tableName);
  });

  it('calls each of 2,000 fires exactly once when every fire is delivered twice to two executor processes', {
    timeout: TEST_TIMEOUT_MS,
  }, async () => {
    // Lambda-like invocations of 10 s: a lease of 8 s, so a copy that found its fire in progress comes back
    // within ~9 s and the queue drains soon after the last call.
    const config = {
      tableName,
      queueUrl: queue.queueUrl,
      deadLetterQueueUrl: queue.deadLetterQueueUrl,
      invocationMs: 10_000,
      hardTimeoutMs: TEST_TIMEOUT_MS - 20_000,
    };
    workers.push(WorkerProcess.start(config), WorkerProcess.start(config));
    await Promise.all(workers.map((worker) => worker.ready(30_000)));

    // Both copies of ten fires go out as two neighbouring batches, so the two processes tend to receive
    // them at the same moment and race for the same locks.
    const bodies: string[] = [];
    const expected = new Set<string>();
    const fires = jobs.flatMap((job) =>
      Array.from({ length: FIRES_PER_JOB }, (_, index) => ({ job, scheduledTime: fireTime(index + 1) })),
    );
    for (let start = 0; start < fires.length; start += 10) {
      const chunk = fires
        .slice(start, start + 10)
        .map(({ job, scheduledTime }) => fireBody(job, scheduledTime));
      for (let copy = 0; copy < COPIES; copy++) bodies.push(...chunk);
    }
    for (const { job, scheduledTime } of fires) expected.add(fireKey(job.jobId, scheduledTime));

    const started = performance.now();
    const deadline = Date.now() + PROCESSING_BUDGET_MS;
    await sendBodies(queue.queueUrl, bodies);
    const sentMs = performance.now() - started;
    const calledKeys = () => new Set(receiver.calls.map((call) => String(call.headers['idempotency-key'])));
    while (calledKeys().size < FIRES && Date.now() < deadline) await sleep(250);
    const allCalledMs = performance.now() - started;
    // Then until the copies that found their fire in progress have come back and been acknowledged.
    let emptyChecks = 0;
    while (emptyChecks < 3 && Date.now() < deadline) {
      emptyChecks = (await queueDepth(queue.queueUrl)) === 0 ? emptyChecks + 1 : 0;
      await sleep(1_000);
    }
    const drainedMs = performance.now() - started;
    const reports = await Promise.all(workers.map((worker) => worker.stop(15_000)));

    const counts = new Map<string, number>();
    for (const call of receiver.calls) {
      const key = String(call.headers['idempotency-key']);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const duplicateCalls = [...counts.values()].reduce((sum, count) => sum + count - 1, 0);
    const lost = [...expected].filter((key) => !counts.has(key));
    const unexpected = [...counts.keys()].filter((key) => !expected.has(key));
    const statuses = new Map<string, number>();
    await inParallel(jobs, 10, async (job) => {
      const page = await executor.runs.list(job.jobId, { limit: 100 });
      for (const run of page.items) statuses.set(run.status, (statuses.get(run.status) ?? 0) + 1);
    });
    const finished = reports.flatMap((report) => report.finished);
    const received = reports.map((report) => report.received);
    const refused = reports.map((report) => report.locksRefused);
    console.log(
      `[reliability] two executors: fires ${FIRES}, messages ${bodies.length}, calls ${receiver.calls.length}, ` +
        `duplicate calls ${duplicateCalls}, lost fires ${lost.length}, unexpected keys ${unexpected.length}, ` +
        `runs ${JSON.stringify(Object.fromEntries(statuses))}, messages received per process ${received.join(' + ')}, ` +
        `locks refused per process ${refused.join(' + ')}, poll errors ${reports.map((r) => r.errors).join(' + ')}, ` +
        `stale deletes refused ${reports.map((r) => r.deletesRefused.length).join(' + ')}, ` +
        `sent in ${(sentMs / 1000).toFixed(1)} s, all called after ${(allCalledMs / 1000).toFixed(1)} s ` +
        `(${(FIRES / (allCalledMs / 1000)).toFixed(0)} fires/s), queue drained after ${(drainedMs / 1000).toFixed(1)} s`,
    );

    expect({ duplicateCalls, lost: lost.length, unexpected }).toEqual({
      duplicateCalls: 0,
      lost: 0,
      unexpected: [],
    });
    expect(Object.fromEntries(statuses)).toEqual({ SUCCEEDED: FIRES });
    expect(finished.length).toBe(FIRES);
    expect(new Set(finished)).toEqual(new Set([...expected].map((key) => `SUCCEEDED ${key}`)));
    expect(await queueDepth(queue.queueUrl)).toBe(0);
    expect(await queueDepth(queue.deadLetterQueueUrl)).toBe(0);
  });
});
