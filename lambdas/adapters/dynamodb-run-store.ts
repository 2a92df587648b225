import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { type Run, runExpiryEpochSeconds } from '../domain/run.js';
import type { LockAttempt, RunStore } from '../use-cases/ports.js';
import { isConditionalCheckFailed } from './dynamodb-errors.js';
import { runKey } from './job-keys.js';

// The lock condition, clause by clause; `canTakeRunLock` in the domain states the same rule.
const NO_RUN_YET = 'attribute_not_exists(PK)';
const HOLDER_DIED = '(#status = :running AND #leaseExpiresAtMs < :nowMs)';
export const RUN_LOCK_CONDITION = `${NO_RUN_YET} OR ${HOLDER_DIED}`;

function toRun(item: Record<string, unknown>): Run {
  const { PK: _pk, SK: _sk, entity: _entity, ttlEpochSeconds: _ttl, ...run } = item;
  return run as unknown as Run;
}

/** Run items in the service's DynamoDB table: one per (job, scheduled time). */
export class DynamoDbRunStore implements RunStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retentionDays: number,
  ) {}

  async acquire(request: {
    jobId: string;
    scheduledTime: string;
    leaseMs: number;
    nowMs: number;
  }): Promise<LockAttempt> {
    const leaseToken = randomUUID();
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...runKey(request.jobId, request.scheduledTime),
            entity: 'run',
            jobId: request.jobId,
            scheduledTime: request.scheduledTime,
            status: 'RUNNING',
            attempt: 1,
            leaseToken,
            leaseExpiresAtMs: request.nowMs + request.leaseMs,
            startedAt: new Date(request.nowMs).toISOString(),
            ttlEpochSeconds: runExpiryEpochSeconds(request.nowMs, this.retentionDays),
          },
          ConditionExpression: RUN_LOCK_CONDITION,
          ExpressionAttributeNames: { '#status': 'status', '#leaseExpiresAtMs': 'leaseExpiresAtMs' },
          ExpressionAttributeValues: { ':running': 'RUNNING', ':nowMs': request.nowMs },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { acquired: true, leaseToken };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      // The document client leaves the item of a failed condition in DynamoDB's wire format.
      const holder = error.Item
        ? toRun(unmarshall(error.Item as Parameters<typeof unmarshall>[0]))
        : undefined;
      return { acquired: false, holder };
    }
  }

  async finish(request: {
    jobId: string;
    scheduledTime: string;
    leaseToken: string;
    status: 'SUCCEEDED' | 'FAILED';
    outcome: Run['outcome'];
    nowMs: number;
  }): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: runKey(request.jobId, request.scheduledTime),
          UpdateExpression:
            'SET #status = :status, #outcome = :outcome, #finishedAt = :finishedAt REMOVE #leaseExpiresAtMs',
          ConditionExpression: '#leaseToken = :leaseToken',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#outcome': 'outcome',
            '#finishedAt': 'finishedAt',
            '#leaseToken': 'leaseToken',
            '#leaseExpiresAtMs': 'leaseExpiresAtMs',
          },
          ExpressionAttributeValues: {
            ':status': request.status,
            ':outcome': request.outcome,
            ':finishedAt': new Date(request.nowMs).toISOString(),
            ':leaseToken': request.leaseToken,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async get(jobId: string, scheduledTime: string): Promise<Run | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: runKey(jobId, scheduledTime), ConsistentRead: true }),
    );
    return Item ? toRun(Item) : undefined;
  }
}
