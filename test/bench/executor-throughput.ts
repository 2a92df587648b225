import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSRecord } from 'aws-lambda';
import { ulid } from 'ulid';
import { DynamoDbJobStore } from '../../lambdas/adapters/dynamodb-job-store.js';
import { DynamoDbRunStore } from '../../lambdas/adapters/dynamodb-run-store.js';
import { DynamoDbTenantRunSlots } from '../../lambdas/adapters/dynamodb-tenant-run-slots.js';
import { targetCaller } from '../../lambdas/adapters/target-caller.js';
import type { Job } from '../../lambdas/domain/job.js';
import { runFireBatch } from '../../lambdas/handlers/executor-batch.js';
import { noMetrics, systemClock } from '../../lambdas/use-cases/ports.js';
import { RecordingRunEvents } from '../support/in-memory-ports.js';
import { createJobTable, deleteTable, localAws } from '../support/local-aws.js';
import { openTargetPolicy } from '../support/target-policies.js';
import { RECEIVER_HOSTS, WebhookReceiver } from '../support/webhook-receiver.js';
import { format, percentile, row, TABLE_HEADER } from './stats.js';

/**
 * Fires per second through one executor process (receive 10 → lock → HTTP target on 127.0.0.1 → record →
 * delete), against raw receive + delete of the same number of messages on the same kind of queue; and the
 * DynamoDB writes each successful run costs, counted by a middleware on the client: with the per-tenant limit
 * on runs in progress (the default, 20; the batch's fires are one tenant's) and, on the one-fire invocations,
 * with it switched off.
 */
const FIRES = Number(process.env.BENCH_FIRES ?? 300);
/** Single-fire invocations timed for the cost model (Lambda bills an invocation's duration). */
const SINGLE_FIRES = 50;
const READS = new Set(['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand', 'ScanCommand']);
const WRITES = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'TransactWriteItemsCommand',
  'BatchWriteItemCommand',
]);

async function seed(sqs: SQSClient, queueUrl: string, bodies: string[]) {
  for (let n = 0; n < bodies.length; n += 10) {
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: bodies.slice(n, n + 10).map((body, i) => ({ Id: String(i), MessageBody: body })),
      }),
    );
  }
}

async function drain(
  sqs: SQSClient,
  queueUrl: string,
  total: number,
  handle: (records: SQSRecord[]) => Promise<Set<string>>,
) {
  let done = 0;
  const started = performance.now();
  while (done < total && performance.now() - started < 120_000) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) continue;
    const records = Messages.map(
      (m) =>
        ({
          messageId: m.MessageId ?? '',
          receiptHandle: m.ReceiptHandle ?? '',
          body: m.Body ?? '',
          attributes: {
            SentTimestamp: m.Attributes?.SentTimestamp ?? String(Date.now()),
            ApproximateReceiveCount: '1',
          },
        }) as unknown as SQSRecord,
    );
    const failed = await handle(records);
    const finished = records.filter((r) => !failed.has(r.messageId));
    if (finished.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: finished.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })),
        }),
      );
    }
    done += finished.length;
  }
  return done / ((performance.now() - started) / 1000);
}

export async function executorFigures(): Promise<string[]> {
  const sqs = new SQSClient(localAws);
  const dynamodb = new DynamoDBClient(localAws);
  let writes = 0;
  let reads = 0;
  dynamodb.middlewareStack.add(
    (next, context) => async (args) => {
      if (WRITES.has(context.commandName ?? '')) writes++;
      if (READS.has(context.commandName ?? '')) reads++;
      return next(args);
    },
    { step: 'initialize', name: 'countWrites' },
  );
  const documents = DynamoDBDocumentClient.from(dynamodb, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const tableName = await createJobTable('bench-executor');
  const receiver = await new WebhookReceiver().start();
  const queueUrl =
    (await sqs.send(new CreateQueueCommand({ QueueName: `bench-executor-${Date.now()}` }))).QueueUrl ?? '';
  const jobs = new DynamoDbJobStore(documents, tableName);
  const now = new Date().toISOString();
  // One job per fire, as in production where a batch rarely holds two fires of one job.
  const job = (): Job => ({
    jobId: ulid(),
    tenant: 'bench',
    name: 'bench',
    schedule: { expression: 'rate(1 minute)', timezone: 'UTC' },
    target: { type: 'http', url: receiver.url('/bench'), method: 'POST', headers: {}, timeoutSeconds: 5 },
    payload: { n: 1 },
    retryPolicy: { maxAttempts: 1, initialDelaySeconds: 1, maxDelaySeconds: 1, multiplier: 1 },
    overlap: 'allow',
    status: 'ACTIVE',
    revision: 1,
    createdAt: now,
    updatedAt: now,
    scheduleAnchorAt: now,
  });
  const fireJobs = Array.from({ length: FIRES + SINGLE_FIRES }, job);
  for (let n = 0; n < fireJobs.length; n += 10) {
    await Promise.all(fireJobs.slice(n, n + 10).map((j) => jobs.create(j, { quota: fireJobs.length })));
  }
  const deps = {
    jobs,
    runs: new DynamoDbRunStore(documents, tableName, 1),
    targets: targetCaller({
      allowedHosts: RECEIVER_HOSTS,
      signingSecrets: async () => ({ current: `whsec_${Buffer.alloc(32, 7).toString('base64')}` }),
    }),
    targetPolicy: openTargetPolicy,
    events: new RecordingRunEvents(),
    clock: systemClock,
    metrics: noMetrics,
    queue: {
      deliverAgainIn: async () => undefined,
      sendLater: async () => undefined,
      deadLetter: async () => undefined,
    },
    runSlots: new DynamoDbTenantRunSlots(documents, tableName, 20),
  };
  const { runSlots: _limited, ...unlimited } = deps;
  const base = Date.parse('2030-01-01T00:00:00Z');
  const fires = fireJobs.map((j) =>
    JSON.stringify({
      jobId: j.jobId,
      tenant: 'bench',
      revision: 1,
      scheduledTime: new Date(base).toISOString(),
    }),
  );
  const [batchFires, singleFires] = [fires.slice(0, FIRES), fires.slice(FIRES)];
  try {
    await seed(sqs, queueUrl, batchFires);
    writes = 0;
    reads = 0;
    const firesPerSecond = await drain(sqs, queueUrl, FIRES, async (records) => {
      const result = await runFireBatch(deps, { Records: records }, () => 30_000);
      return new Set(result.batchItemFailures.map((failure) => failure.itemIdentifier));
    });
    const [writesPerRun, readsPerRun] = [writes / FIRES, reads / FIRES];
    // One fire per invocation, as at low volume: the duration Lambda bills, lock to record; limit off.
    writes = 0;
    reads = 0;
    const durations: number[] = [];
    for (const [n, body] of singleFires.entries()) {
      const record = {
        messageId: `single-${n}`,
        receiptHandle: '',
        body,
        attributes: { SentTimestamp: String(Date.now()), ApproximateReceiveCount: '1' },
      } as unknown as SQSRecord;
      const started = performance.now();
      await runFireBatch(unlimited, { Records: [record] }, () => 30_000);
      durations.push(performance.now() - started);
    }
    const [writesUnlimited, readsUnlimited] = [writes / SINGLE_FIRES, reads / SINGLE_FIRES];
    await seed(sqs, queueUrl, batchFires);
    const rawPerSecond = await drain(sqs, queueUrl, FIRES, async () => new Set());
    const called = new Set(receiver.calls.map((call) => call.headers['idempotency-key'])).size;
    const total = FIRES + SINGLE_FIRES;
    return [
      ...TABLE_HEADER,
      row(`executor fires/s (1 process, batch 10, ${FIRES} fires)`, firesPerSecond, rawPerSecond, '/s'),
      `| DynamoDB writes / reads per successful run, tenant run limit on | ${writesPerRun.toFixed(2)} / ${readsPerRun.toFixed(2)} | | | 5 writes, + the tenant item's first (racing) writes |`,
      `| DynamoDB writes / reads per successful run, limit off | ${writesUnlimited.toFixed(2)} / ${readsUnlimited.toFixed(2)} | | | ≤ 3 writes |`,
      `| one-fire invocation duration p50 / p99 (${SINGLE_FIRES} fires, webhook on 127.0.0.1) | ${format(percentile(durations, 50))} / ${format(percentile(durations, 99))} ms | | | |`,
      `| fires called (distinct / calls / fires) | ${called} / ${receiver.calls.length} / ${total} | | | all, once |`,
    ];
  } finally {
    await receiver.stop();
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    await deleteTable(tableName);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log((await executorFigures()).join('\n'));
}
