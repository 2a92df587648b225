import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FireMessage } from '../domain/fire-message.js';
import type { DispatchQueue } from '../use-cases/ports.js';

/** The dispatch queue, written directly for manual executions. */
export class SqsDispatchQueue implements DispatchQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(message: FireMessage): Promise<void> {
    await this.client.send(
      new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(message) }),
    );
  }
}
