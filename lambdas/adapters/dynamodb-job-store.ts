import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Job } from '../domain/job.js';
import type { JobRunResult, JobStore } from '../use-cases/ports.js';
import { isConditionalCheckFailed } from './dynamodb-errors.js';
import { jobKey, tenantIndexKey } from './job-keys.js';

const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'entity'] as const;

function toJob(item: Record<string, unknown>): Job {
  const job = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete job[attribute];
  return job as unknown as Job;
}

/** Jobs in the service's DynamoDB table. */
export class DynamoDbJobStore implements JobStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(job: Job): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...jobKey(job.jobId),
          ...tenantIndexKey(job.tenant, job.createdAt, job.jobId),
          entity: 'job',
          ...job,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  async get(jobId: string): Promise<Job | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: jobKey(jobId), ConsistentRead: true }),
    );
    return Item ? toJob(Item) : undefined;
  }

  async delete(jobId: string): Promise<boolean> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: jobKey(jobId),
          ConditionExpression: 'attribute_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async recordRunResult(jobId: string, result: JobRunResult): Promise<void> {
    const names: Record<string, string> = { '#lastRunAt': 'lastRunAt', '#lastRunStatus': 'lastRunStatus' };
    const values: Record<string, unknown> = {
      ':lastRunAt': result.lastRunAt,
      ':status': result.lastRunStatus,
    };
    const set = ['#lastRunAt = :lastRunAt', '#lastRunStatus = :status'];
    const remove: string[] = [];
    if (result.nextRunAt) {
      names['#nextRunAt'] = 'nextRunAt';
      values[':nextRunAt'] = result.nextRunAt;
      set.push('#nextRunAt = :nextRunAt');
    } else {
      names['#nextRunAt'] = 'nextRunAt';
      remove.push('#nextRunAt');
    }
    if (result.completed) {
      names['#status'] = 'status';
      values[':completed'] = 'COMPLETED';
      set.push('#status = :completed');
    }
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: jobKey(jobId),
          UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
          // Never resurrect a job deleted while its run was in flight; never move lastRunAt backwards.
          ConditionExpression:
            'attribute_exists(PK) AND (attribute_not_exists(#lastRunAt) OR #lastRunAt <= :lastRunAt)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) return;
      throw error;
    }
  }
}
