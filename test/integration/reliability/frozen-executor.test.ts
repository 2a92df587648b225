import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

describe('an executor process frozen past its lease', () => {
  let tableName: string;
  let queue: LocalDispatchQueue;
  let receiver: WebhookReceiver;
  let survivor: RealExecutor;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    tableName = await createJobTable('reliability-frozen');
    queue = await createDispatchQueue('reliability-frozen', 3);
    receiver = await new WebhookReceiver().start();
    survivor = realExecutor({ tableName, queue: queue.control });
  });
  afterAll(async () => {
    worker?.kill();
    await receiver?.stop();
    await deleteDispatchQueue(queue);
    if (tableName) await deleteTable(tableName);
  });

  it('cannot overwrite or announce again a run its successor finished once it wakes up with a stale lease', async () => {
    const path = '/frozen';
    const job = webhookJob({ url: receiver.url(path) });
    await survivor.jobs.create(job, { quota: 10 });
    const runId = fireTime(1);
    // A 2 s lease (4 s invocation); the message comes back 3 s after it was received.
    worker = WorkerProcess.start({
      tableName,
      queueUrl: queue.queueUrl,
      deadLetterQueueUrl: queue.deadLetterQueueUrl,
      invocationMs: 4_000,
      hardTimeoutMs: 40_000,
      sabotage: 'freeze-after-call',
    });
    await worker.ready(30_000);
    await sendBodies(queue.queueUrl, [fireBody(job, runId)]);
    // The worker called the target and stopped itself before recording the call.
    expect(await receiver.waitForCalls(path, 1, 15_000)).toHaveLength(1);

    const options = { queueUrl: queue.queueUrl, invocationMs: 30_000 };
    const finished = async () => (await survivor.runs.get(job.jobId, runId))?.status === 'SUCCEEDED';
    expect(await pollUntil(survivor.deps, options, finished, 20_000)).toBe(true);
    const finishedByTheSurvivor = await survivor.runs.get(job.jobId, runId);

    // Now the frozen executor wakes up and tries to record its (first) call with its stale lease token.
    worker.resume();
    const report = await worker.stop(15_000);
    await pollFor(survivor.deps, options, 3_000);
    const run = await survivor.runs.get(job.jobId, runId);
    const calls = receiver.callsTo(path);
    const announced = [
      ...survivor.events.events.map(
        (event) => `${event.status} ${fireKey(event.jobId, event.runId)} (survivor)`,
      ),
      ...report.finished.map((entry) => `${entry} (woken executor)`),
    ];
    console.log(
      `[reliability] frozen executor: target calls ${calls.length}, run ${run?.status} with attempts ` +
        `[${run?.attempts?.map((attempt) => attempt.attempt).join(', ')}], run events ${announced.length}, ` +
        `the woken executor's delete of its stale receipt handle: ${report.deletesRefused.join('; ') || 'accepted'}`,
    );
    expect(report).toMatchObject({ batches: 1, errors: 0 }); // the woken executor did handle its delivery
    expect(calls).toHaveLength(2);
    expect(run).toEqual(finishedByTheSurvivor);
    expect(run).toMatchObject({ status: 'SUCCEEDED', attempt: 2, attempts: [{ attempt: 2 }] });
    expect(announced).toEqual([`SUCCEEDED ${fireKey(job.jobId, runId)} (survivor)`]);
    expect(await queueDepth(queue.queueUrl)).toBe(0);
  });
});
