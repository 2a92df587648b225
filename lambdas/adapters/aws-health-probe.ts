import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetScheduleGroupCommand, type SchedulerClient } from '@aws-sdk/client-scheduler';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { HealthProbe } from '../use-cases/ports.js';

const TIMEOUT_MS = 2_000;

async function probe(run: () => Promise<unknown>): Promise<{ ok: boolean; detail?: string }> {
  try {
    await Promise.race([
      run(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer in ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref(),
      ),
    ]);
    return { ok: true };
  } catch (error) {
    return {
      ok: false,
      detail: (error as Error).name === 'Error' ? (error as Error).message : (error as Error).name,
    };
  }
}

/** Checks that the table, the dispatch queue and the schedule group answer, all at once. */
export class AwsHealthProbe implements HealthProbe {
  constructor(
    private readonly clients: { dynamodb: DynamoDBClient; sqs: SQSClient; scheduler: SchedulerClient },
    private readonly resources: { tableName: string; queueUrl: string; scheduleGroupName: string },
  ) {}

  async check() {
    const [table, queue, scheduleGroup] = await Promise.all([
      probe(() =>
        this.clients.dynamodb.send(new DescribeTableCommand({ TableName: this.resources.tableName })),
      ),
      probe(() =>
        this.clients.sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: this.resources.queueUrl, AttributeNames: ['QueueArn'] }),
        ),
      ),
      probe(() =>
        this.clients.scheduler.send(new GetScheduleGroupCommand({ Name: this.resources.scheduleGroupName })),
      ),
    ]);
    return { table, queue, scheduleGroup };
  }
}
