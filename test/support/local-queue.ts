import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { SqsQueueControl } from '../../lambdas/adapters/sqs-queue-control.js';
import { localAws } from './local-aws.js';

export const sqs = new SQSClient(localAws);

export interface LocalDispatchQueue {
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
  /** The executor's view of the queue: the real SqsQueueControl. */
  readonly control: SqsQueueControl;
}

/** A dispatch queue and its DLQ under unique names, with the given visibility timeout. */
export async function createDispatchQueue(
  prefix: string,
  visibilitySeconds: number,
): Promise<LocalDispatchQueue> {
  const name = `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const create = async (queueName: string) => {
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: queueName,
        Attributes: { VisibilityTimeout: String(visibilitySeconds) },
      }),
    );
    if (!QueueUrl) throw new Error(`no URL for queue ${queueName}`);
    return QueueUrl;
  };
  const [queueUrl, deadLetterQueueUrl] = await Promise.all([create(name), create(`${name}-dlq`)]);
  return { queueUrl, deadLetterQueueUrl, control: new SqsQueueControl(sqs, queueUrl, deadLetterQueueUrl) };
}

export async function deleteDispatchQueue(queue: LocalDispatchQueue | undefined): Promise<void> {
  if (!queue) return;
  await Promise.all(
    [queue.queueUrl, queue.deadLetterQueueUrl].map((QueueUrl) =>
      sqs.send(new DeleteQueueCommand({ QueueUrl })),
    ),
  );
}

/** Sends the bodies in batches of 10, `parallel` batches at a time. */
export async function sendBodies(queueUrl: string, bodies: readonly string[], parallel = 4): Promise<void> {
  const batches: string[][] = [];
  for (let index = 0; index < bodies.length; index += 10) batches.push(bodies.slice(index, index + 10));
  let next = 0;
  const sender = async () => {
    for (let batch = batches[next++]; batch; batch = batches[next++]) {
      const { Failed = [] } = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: batch.map((MessageBody, index) => ({ Id: String(index), MessageBody })),
        }),
      );
      if (Failed.length > 0) throw new Error(`send failed: ${JSON.stringify(Failed)}`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, sender));
}

/** Messages on the queue, visible or in flight (approximate, as SQS reports them). */
export async function queueDepth(queueUrl: string): Promise<number> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) +
    Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0)
  );
}
