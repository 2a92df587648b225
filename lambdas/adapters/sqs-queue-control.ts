import { ChangeMessageVisibilityCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import type { FireMessage } from '../domain/fire-message.js';
import { SQS_MAX_VISIBILITY_SECONDS } from '../domain/lease.js';
import type { DispatchQueueControl } from '../handlers/executor-batch.js';

/** Visibility changes on the dispatch queue, and sends to its dead-letter queue. */
export class SqsQueueControl implements DispatchQueueControl {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
    private readonly deadLetterQueueUrl: string,
  ) {}

  async deliverAgainIn(receiptHandle: string, seconds: number): Promise<void> {
    await this.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: this.queueUrl,
        ReceiptHandle: receiptHandle,
        // SQS allows 12 h of visibility from the receive; keep a margin for the time already spent on this one.
        VisibilityTimeout: Math.min(SQS_MAX_VISIBILITY_SECONDS - 300, Math.max(0, Math.ceil(seconds))),
      }),
    );
  }

  async sendLater(message: FireMessage, delaySeconds: number): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(message),
        DelaySeconds: Math.min(900, Math.max(0, Math.ceil(delaySeconds))),
      }),
    );
  }

  async deadLetter(record: SQSRecord, reason: string): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.deadLetterQueueUrl,
        MessageBody: record.body,
        MessageAttributes: {
          reason: { DataType: 'String', StringValue: reason.slice(0, 1000) },
          originalMessageId: { DataType: 'String', StringValue: record.messageId },
        },
      }),
    );
  }
}
