import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../lambdas/adapters/cursor.js';
import { DynamoDbDeadFireStore } from '../../lambdas/adapters/dynamodb-dead-fire-store.js';
import { DynamoDbJobStore } from '../../lambdas/adapters/dynamodb-job-store.js';
import { SqsDispatchQueue } from '../../lambdas/adapters/sqs-dispatch-queue.js';
import { SqsQuarantineQueue } from '../../lambdas/adapters/sqs-quarantine-queue.js';
import type { DeadFire } from '../../lambdas/domain/dead-fire.js';
import { InvalidCursorError } from '../../lambdas/domain/errors.js';
import { sortDeadLetterBatch } from '../../lambdas/handlers/dead-letter-batch.js';
import { listDeadFires, redriveDeadLetters } from '../../lambdas/use-cases/dead-letters.js';
import { noMetrics, systemClock } from '../../lambdas/use-cases/ports.js';
import type { SortDeadLetterDeps } from '../../lambdas/use-cases/sort-dead-letter.js';
import { hostileTenantLedger } from '../support/hostile-tenant.js';
import { jobFixture } from '../support/job-fixture.js';
import { createJobTable, deleteTable, documentClient } from '../support/local-aws.js';
import { queueDepth, sendBodies, sqs } from '../support/local-queue.js';

const A = 'tenant-a';
const B = 'tenant-b';
const A_JOB = '01JAAAAAAAAAAAAAAAAAAAAAAA';
const B_JOB = '01JBBBBBBBBBBBBBBBBBBBBBBB';
const FLOOD = 150;
const fire = (tenant: string, jobId: string, n: number) =>
  JSON.stringify({
    jobId,
    tenant,
    revision: 1,
    scheduledTime: new Date(Date.parse('2026-11-27T10:00:00Z') + n * 60_000).toISOString(),
  });

function toRecord(message: Message): SQSRecord {
  const reason = message.MessageAttributes?.reason?.StringValue;
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
      SentTimestamp: message.Attributes?.SentTimestamp ?? '',
      SenderId: '',
      ApproximateFirstReceiveTimestamp: '',
    },
    messageAttributes: reason ? { reason: { stringValue: reason, dataType: 'String' } } : {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: '',
    awsRegion: 'us-east-1',
  };
}

async function receive(queueUrl: string): Promise<Message[]> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 1,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }),
  );
  return Messages;
}

/** What Lambda's event source does for the sorter: batches off the DLQ, acknowledged unless reported. */
async function drain(deps: SortDeadLetterDeps, queueUrl: string): Promise<number> {
  let sorted = 0;
  for (let empty = 0; empty < 2; ) {
    const messages = await receive(queueUrl);
    if (messages.length === 0) {
      empty++;
      continue;
    }
    const { batchItemFailures } = await sortDeadLetterBatch(deps, { Records: messages.map(toRecord) });
    const failed = new Set(batchItemFailures.map((failure) => failure.itemIdentifier));
    const done = messages.filter((message) => !failed.has(message.MessageId ?? ''));
    if (done.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: done.map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.ReceiptHandle,
          })),
        }),
      );
    }
    sorted += done.length;
  }
  return sorted;
}

async function allOf(tenant: string, deadFires: DynamoDbDeadFireStore): Promise<DeadFire[]> {
  const all: DeadFire[] = [];
  let cursor: string | undefined;
  do {
    const page = await listDeadFires({ deadFires }, tenant, { limit: '50', ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

describe('dead letters per tenant, against the local SQS and DynamoDB', () => {
  const ledger = hostileTenantLedger('dead letters');
  let tableName: string;
  const queues: Record<'dispatch' | 'dlq' | 'quarantine', string> = { dispatch: '', dlq: '', quarantine: '' };
  let deadFires: DynamoDbDeadFireStore;
  let deps: SortDeadLetterDeps;

  beforeAll(async () => {
    tableName = await createJobTable('dead-letters');
    const suffix = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    for (const name of Object.keys(queues) as Array<keyof typeof queues>) {
      const { QueueUrl } = await sqs.send(
        new CreateQueueCommand({
          QueueName: `dead-letters-${name}-${suffix}`,
          Attributes: { VisibilityTimeout: '30' },
        }),
      );
      queues[name] = QueueUrl ?? '';
    }
    const jobs = new DynamoDbJobStore(documentClient, tableName);
    await jobs.create(jobFixture({ jobId: A_JOB, tenant: A }), { quota: 10 });
    await jobs.create(jobFixture({ jobId: B_JOB, tenant: B }), { quota: 10 });
    deadFires = new DynamoDbDeadFireStore(documentClient, tableName, 14);
    deps = {
      jobs,
      deadFires,
      quarantine: new SqsQuarantineQueue(sqs, queues.quarantine),
      clock: systemClock,
      metrics: noMetrics,
    };
  });
  afterAll(async () => {
    await deleteTable(tableName);
    await Promise.all(
      Object.values(queues).map((QueueUrl) => sqs.send(new DeleteQueueCommand({ QueueUrl }))),
    );
  });

  it("keeps B's 3 dead fires visible to B and movable by B alone while A floods the DLQ with 150", async () => {
    // GIVEN A's flood on the DLQ first, then B's three, a forged one naming B with A's job, and a malformed one
    await sendBodies(
      queues.dlq,
      Array.from({ length: FLOOD }, (_, n) => fire(A, A_JOB, n)),
    );
    await sendBodies(
      queues.dlq,
      [0, 1, 2].map((n) => fire(B, B_JOB, n)),
    );
    await sendBodies(queues.dlq, [fire(B, A_JOB, 999), '{"not":"a fire"}']);

    // WHEN the sorter drains the DLQ
    expect(await drain(deps, queues.dlq)).toBe(FLOOD + 5);
    expect(await queueDepth(queues.dlq)).toBe(0);

    // THEN B's first page is B's three, and nothing of A's
    const firstPage = await listDeadFires({ deadFires }, B, {});
    const aBefore = await allOf(A, deadFires);
    console.log(
      `dead letters: A flooded ${FLOOD}; B's first page holds ${firstPage.items.length} (B's own ${firstPage.items.filter((item) => item.fire.jobId === B_JOB).length}); A's list holds ${aBefore.length}; quarantined ${await queueDepth(queues.quarantine)}`,
    );
    await ledger.attempt(
      "A's flood hides B's dead fires from B's first page",
      () => firstPage.items.filter((item) => item.fire.jobId === B_JOB).length !== 3,
    );
    await ledger.attempt("B's list shows one of A's dead fires", () =>
      firstPage.items.some((item) => item.fire.jobId !== B_JOB || item.tenant !== B),
    );
    await ledger.attempt("a forged dead letter naming B (with A's job) lands in B's list", async () =>
      (await allOf(B, deadFires)).some((item) => item.fire.jobId === A_JOB),
    );
    await ledger.attempt("a forged dead letter naming B (with A's job) lands in A's list as B's", () =>
      aBefore.some((item) => item.fire.tenant !== A),
    );
    expect(aBefore).toHaveLength(FLOOD);
    expect(await queueDepth(queues.quarantine)).toBe(2);

    // Attacks on B's dead fires from A's side
    const bIds = firstPage.items.map((item) => item.id);
    await ledger.attempt("A reads B's dead fires with a cursor forged for B's partition", async () => {
      const forged = encodeCursor({ PK: `DEADLETTER#${B}`, SK: bIds[0] ?? '' });
      try {
        const page = await listDeadFires({ deadFires }, A, { cursor: forged ?? '' });
        return page.items.some((item) => item.fire.jobId === B_JOB);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidCursorError);
        return false;
      }
    });
    const dispatch = new SqsDispatchQueue(sqs, queues.dispatch);
    await ledger.attempt("A redrives B's dead fires by their ids", async () => {
      const { redriven } = await redriveDeadLetters({ deadFires, dispatch }, A, { ids: bIds });
      return redriven > 0 || (await allOf(B, deadFires)).length !== 3;
    });

    // WHEN B redrives THEN exactly B's three go back to the dispatch queue, and A's are untouched
    expect(await redriveDeadLetters({ deadFires, dispatch }, B, {})).toEqual({ redriven: 3 });
    const redriven: string[] = [];
    for (
      let batch = await receive(queues.dispatch);
      batch.length > 0;
      batch = await receive(queues.dispatch)
    ) {
      redriven.push(...batch.map((message) => message.Body ?? ''));
    }
    expect(redriven.map((body) => JSON.parse(body).jobId)).toEqual([B_JOB, B_JOB, B_JOB]);
    expect(redriven.sort()).toEqual([0, 1, 2].map((n) => fire(B, B_JOB, n)).sort());
    await ledger.attempt("B's redrive moves or hides one of A's dead fires", async () => {
      const aAfter = await allOf(A, deadFires);
      return (
        aAfter.length !== FLOOD ||
        aAfter
          .map((item) => item.id)
          .sort()
          .join() !==
          aBefore
            .map((item) => item.id)
            .sort()
            .join()
      );
    });
    expect(await allOf(B, deadFires)).toEqual([]);
  });

  it('files a dead letter delivered twice (the sorter died before acknowledging it) once', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: queues.dlq, MessageBody: fire(B, B_JOB, 42) }));
    const [first] = await receive(queues.dlq);
    if (!first) throw new Error('no message');
    expect(await sortDeadLetterBatch(deps, { Records: [toRecord(first)] })).toEqual({
      batchItemFailures: [],
    });
    // Not deleted: SQS delivers it again, with the same message id and sent time.
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queues.dlq,
        ReceiptHandle: first.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    expect(await drain(deps, queues.dlq)).toBe(1);
    const filed = await allOf(B, deadFires);
    expect(filed.map((item) => item.messageId)).toEqual([first.MessageId]);
  });
});
