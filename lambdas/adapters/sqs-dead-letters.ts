import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { DeadLetter, DeadLetterQueue } from '../use-cases/ports.js';

function toDeadLetter(message: Message): DeadLetter {
  const sent = message.Attributes?.SentTimestamp;
  const reason = message.MessageAttributes?.reason?.StringValue;
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
    ...(reason ? { reason } : {}),
    ...(sent ? { sentAt: new Date(Number(sent)).toISOString() } : {}),
  };
}

/** The dispatch queue's DLQ over the SQS API. */
export class SqsDeadLetters implements DeadLetterQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  private async receive(max: number, visibility: number): Promise<DeadLetter[]> {
    const { Messages = [] } = await this.client.send(
      new ReceiveMessageCommand({
        QueueUrl: this.queueUrl,
        MaxNumberOfMessages: Math.min(10, max),
        VisibilityTimeout: visibility,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['SentTimestamp', 'ApproximateReceiveCount'],
        MessageAttributeNames: ['All'],
      }),
    );
    return Messages.map(toDeadLetter);
  }

  peek(max: number): Promise<DeadLetter[]> {
    return this.receive(max, 0);
  }

  take(max: number, hideSeconds: number): Promise<DeadLetter[]> {
    return this.receive(max, hideSeconds);
  }

  async remove(receiptHandle: string): Promise<void> {
    await this.client.send(
      new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: receiptHandle }),
    );
  }

  async release(receiptHandle: string): Promise<void> {
    await this.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: this.queueUrl,
        ReceiptHandle: receiptHandle,
        VisibilityTimeout: 0,
      }),
    );
  }
}
