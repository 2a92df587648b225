import { randomUUID } from 'node:crypto';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Page, PageRequest } from '../domain/page.js';
import { type Run, runExpiryEpochSeconds } from '../domain/run.js';
import type { LockAttempt, RunStore } from '../use-cases/ports.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { isConditionalCheckFailed } from './dynamodb-errors.js';
import { RUN_PREFIX, runKey } from './job-keys.js';

// The lock condition, clause by clause; `canTakeRunLock` in the domain states the same rule.
const NO_RUN_YET = 'attribute_not_exists(PK)';
const HOLDER_DIED = '(#status = :running AND #leaseExpiresAtMs < :nowMs)';
export const RUN_LOCK_CONDITION = `${NO_RUN_YET} OR ${HOLDER_DIED}`;

function toRun(item: Record<string, unknown>): Run {
  const { PK: _pk, SK: _sk, entity: _entity, ttlEpochSeconds: _ttl, leaseToken: _token, ...run } = item;
  return run as unknown as Run;
}

/** Run items in the service's DynamoDB table: one per (job, run id). */
export class DynamoDbRunStore implements RunStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retentionDays: number,
  ) {}

  async acquire(request: Parameters<RunStore['acquire']>[0]): Promise<LockAttempt> {
    const leaseToken = randomUUID();
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...runKey(request.jobId, request.runId),
            entity: 'run',
            jobId: request.jobId,
            runId: request.runId,
            scheduledTime: request.scheduledTime,
            trigger: request.trigger,
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

  async finish(request: Parameters<RunStore['finish']>[0]): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: runKey(request.jobId, request.runId),
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

  async get(jobId: string, runId: string): Promise<Run | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: runKey(jobId, runId), ConsistentRead: true }),
    );
    return Item ? toRun(Item) : undefined;
  }

  async list(jobId: string, page: PageRequest): Promise<Page<Run>> {
    const { PK } = runKey(jobId, '');
    const startKey = decodeCursor(page.cursor, ['PK', 'SK'], { name: 'PK', value: PK });
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :runs)',
        ExpressionAttributeValues: { ':pk': PK, ':runs': RUN_PREFIX },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const nextCursor = encodeCursor(result.LastEvaluatedKey);
    return { items: (result.Items ?? []).map(toRun), ...(nextCursor ? { nextCursor } : {}) };
  }
}
