import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QuarantinedLetter, QuarantineQueue } from '../use-cases/ports.js';

const text = (value: string) => ({ DataType: 'String', StringValue: value.slice(0, 1000) });

/** The operators' quarantine queue over SQS: the dead letter's body as it was, and why it is here. */
export class SqsQuarantineQueue implements QuarantineQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(letter: QuarantinedLetter): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        // SQS refuses an empty body; an empty dead letter is still kept, as a single space.
        MessageBody: letter.body === '' ? ' ' : letter.body,
        MessageAttributes: {
          quarantineReason: text(letter.reason),
          detail: text(letter.detail),
          originalMessageId: text(letter.messageId),
          ...(letter.deadLetterReason ? { reason: text(letter.deadLetterReason) } : {}),
        },
      }),
    );
  }
}
