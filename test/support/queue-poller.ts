import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { type ExecutorDeps, runFireBatch } from '../../lambdas/handlers/executor-batch.js';
import { sqs } from './local-queue.js';

export interface PollOptions {
  readonly queueUrl: string;
  /** The run time each batch gets, as a Lambda invocation would: the lease is this minus the safety margin. */
  readonly invocationMs: number;
  /** Long-poll wait of each receive, in seconds. */
  readonly waitSeconds?: number;
}

export interface PollResult {
  readonly received: number;
  /** Records the executor reported as batch item failures (left on the queue). */
  readonly keptOnQueue: number;
  /** Deletes SQS refused (a stale receipt handle: the message was received again since). */
  readonly deletesRefused: readonly string[];
}

function toRecord(message: Message, queueUrl: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? '',
      SenderId: attributes.SenderId ?? '',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? '',
    },
    messageAttributes: {},
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueUrl,
    awsRegion: 'us-east-1',
  };
}

/**
 * One turn of what Lambda's SQS event source does: receive up to 10 messages, hand them to the executor as
 * one batch, and delete those it did not report as batch item failures.
 */
export async function pollOnce(deps: ExecutorDeps, options: PollOptions): Promise<PollResult> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: options.queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: options.waitSeconds ?? 1,
      MessageSystemAttributeNames: ['All'],
    }),
  );
  if (Messages.length === 0) return { received: 0, keptOnQueue: 0, deletesRefused: [] };
  const deadline = Date.now() + options.invocationMs;
  const records = Messages.map((message) => toRecord(message, options.queueUrl));
  const { batchItemFailures } = await runFireBatch(deps, { Records: records }, () => deadline - Date.now());
  const kept = new Set(batchItemFailures.map((failure) => failure.itemIdentifier));
  const done = records.filter((record) => !kept.has(record.messageId));
  let deletesRefused: string[] = [];
  if (done.length > 0) {
    const { Failed = [] } = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: options.queueUrl,
        Entries: done.map((record, index) => ({ Id: String(index), ReceiptHandle: record.receiptHandle })),
      }),
    );
    deletesRefused = Failed.map((failure) => `${failure.Code}: ${failure.Message}`);
  }
  return { received: Messages.length, keptOnQueue: kept.size, deletesRefused };
}

/** Polls until `done()` holds or `timeoutMs` passed; returns whether `done()` held. */
export async function pollUntil(
  deps: ExecutorDeps,
  options: PollOptions,
  done: () => Promise<boolean> | boolean,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await done()) return true;
    await pollOnce(deps, options);
  }
  return done();
}

/** Keeps polling for `ms`, so that anything still due on the queue gets its chance to run. */
export async function pollFor(deps: ExecutorDeps, options: PollOptions, ms: number): Promise<void> {
  await pollUntil(deps, options, () => false, ms);
}
