import type { SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Job } from '../../../lambdas/domain/job.js';
import { type DispatchQueueControl, runFireBatch } from '../../../lambdas/handlers/executor-batch.js';
import { createJobTable, deleteTable } from '../../support/local-aws.js';
import {
  fireBody,
  fireKey,
  fireTime,
  type RealExecutor,
  realExecutor,
  webhookJob,
} from '../../support/real-executor.js';
import { WebhookReceiver } from '../../support/webhook-receiver.js';

vi.hoisted(() => {
  process.env.LOG_LEVEL = 'warn'; // one 'fire handled' line per delivery would drown the figures
});

const ROUNDS = 100;
const DELIVERIES = 50;

/** No queue here: the deliveries are made up; what the executor asks of the queue is only counted. */
class CountingQueue implements DispatchQueueControl {
  redeliveries = 0;
  async deliverAgainIn(): Promise<void> {
    this.redeliveries++;
  }
  async sendLater(): Promise<void> {
    throw new Error('unexpected delay: this test has no run-slot limit');
  }
  async deadLetter(record: SQSRecord, reason: string): Promise<void> {
    throw new Error(`unexpected dead letter of ${record.messageId}: ${reason}`);
  }
}

const delivery = (job: Job, scheduledTime: string, id: string): SQSRecord =>
  ({
    messageId: id,
    receiptHandle: `handle-${id}`,
    body: fireBody(job, scheduledTime),
    attributes: { SentTimestamp: String(Date.now()), ApproximateReceiveCount: '1' },
  }) as unknown as SQSRecord;

describe('concurrent deliveries of one fire to the real executor', () => {
  let tableName: string;
  let receiver: WebhookReceiver;
  let executor: RealExecutor;
  const queue = new CountingQueue();

  beforeAll(async () => {
    tableName = await createJobTable('reliability-concurrent');
    receiver = await new WebhookReceiver().start();
    executor = realExecutor({ tableName, queue });
  });
  afterAll(async () => {
    await receiver?.stop();
    if (tableName) await deleteTable(tableName);
  });

  it('calls the target exactly once for 50 simultaneous deliveries of a fire, in each of 100 rounds', async () => {
    const job = webhookJob({ url: receiver.url('/concurrent') });
    await executor.jobs.create(job, { quota: 10 });
    const invocation = () => 30_000; // each delivery is its own Lambda invocation with 30 s to run
    let deliveries = 0;
    const started = performance.now();

    for (let round = 1; round <= ROUNDS; round++) {
      const records = Array.from({ length: DELIVERIES }, (_, index) =>
        delivery(job, fireTime(round), `${round}-${index}`),
      );
      const first = await Promise.all(
        records.map((record) => runFireBatch(executor.deps, { Records: [record] }, invocation)),
      );
      // The losers that found the run in progress asked to be delivered again; SQS would, later: by then the
      // winner has finished, so each must be acknowledged without a call.
      const again = records.filter((_, index) => (first[index]?.batchItemFailures.length ?? 0) > 0);
      const second = await Promise.all(
        again.map((record) => runFireBatch(executor.deps, { Records: [record] }, invocation)),
      );
      expect(second.flatMap((response) => response.batchItemFailures)).toEqual([]);
      deliveries += records.length + again.length;
    }
    const wallMs = performance.now() - started;

    const expectedKeys = Array.from({ length: ROUNDS }, (_, index) =>
      fireKey(job.jobId, fireTime(index + 1)),
    );
    const keys = receiver.callsTo('/concurrent').map((call) => String(call.headers['idempotency-key']));
    const runs = await Promise.all(
      expectedKeys.map((_, index) => executor.runs.get(job.jobId, fireTime(index + 1))),
    );
    const redelivered = deliveries - ROUNDS * DELIVERIES;
    console.log(
      `[reliability] concurrent deliveries: rounds ${ROUNDS}, deliveries ${ROUNDS * DELIVERIES} ` +
        `(${DELIVERIES} at once per round) + ${redelivered} redelivered after "in progress", ` +
        `target calls ${keys.length}, duplicates (deliveries - calls) ${ROUNDS * DELIVERIES - keys.length}, ` +
        `duplicate calls ${keys.length - new Set(keys).size}, wall time ${(wallMs / 1000).toFixed(1)} s`,
    );
    expect(keys.sort()).toEqual(expectedKeys.sort());
    expect(runs.map((run) => [run?.status, run?.attempt])).toEqual(expectedKeys.map(() => ['SUCCEEDED', 1]));
    expect(executor.events.events.map((event) => fireKey(event.jobId, event.runId)).sort()).toEqual(
      expectedKeys,
    );
    // 12 s alone on two cores; under a loaded machine five times that: the bound is for a hang, not speed.
  }, 180_000);
});
