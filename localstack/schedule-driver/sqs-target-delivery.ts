import { GetQueueUrlCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { TargetDelivery } from './ports.js';

/** A target kind the driver does not deliver to (only SQS: the project's schedules all target its queue). */
export class UnsupportedTargetError extends Error {
  readonly code = 'unsupported_target';
  constructor(arn: string) {
    super(`the local schedule driver delivers to SQS queues only, not ${arn}`);
    this.name = 'UnsupportedTargetError';
  }
}

const SQS_ARN = /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:(\d{12}):(.+)$/;

/** Sends each fire to its schedule's queue, as Scheduler's SQS target does (the Input as the message body). */
export class SqsTargetDelivery implements TargetDelivery {
  private readonly urls = new Map<string, string>();

  constructor(private readonly sqs: SQSClient) {}

  async deliver(targetArn: string, body: string): Promise<void> {
    const [, account, name] = SQS_ARN.exec(targetArn) ?? [];
    if (!account || !name) throw new UnsupportedTargetError(targetArn);
    let url = this.urls.get(targetArn);
    if (!url) {
      const found = await this.sqs.send(
        new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: account }),
      );
      url = found.QueueUrl ?? '';
      this.urls.set(targetArn, url);
    }
    await this.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
  }
}
