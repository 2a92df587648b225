import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { ReconcilerIndex } from '../use-cases/reconciler-ports.js';
import { isConditionalCheckFailed } from './dynamodb-errors.js';
import {
  DUE_INDEX,
  DUE_SHARDS,
  dueBucketPartition,
  JOB_ID_SHARDS,
  jobIdKey,
  jobIdPartition,
  REPAIR_PARTITION,
  repairKey,
} from './job-keys.js';

const JOB_PREFIX = 'JOB#';
/** Pages read per partition in one call, so a pathological partition cannot hold an invocation forever. */
const MAX_PAGES = 50;

/** The due index, the job id items and the repair marks, in the service's table. */
export class DynamoDbReconcilerIndex implements ReconcilerIndex {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private async queryAll(input: QueryCommandInput, limit = Number.POSITIVE_INFINITY) {
    const items: Array<Record<string, unknown>> = [];
    let startKey: Record<string, unknown> | undefined;
    for (let page = 0; page < MAX_PAGES && items.length < limit; page++) {
      const result = await this.client.send(
        new QueryCommand({
          ...input,
          ...(Number.isFinite(limit) ? { Limit: limit - items.length } : {}),
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(result.Items ?? []));
      startKey = result.LastEvaluatedKey;
      if (!startKey) break;
    }
    return items;
  }

  async dueJobIds(minuteStartMs: number): Promise<string[]> {
    const shards = await Promise.all(
      Array.from({ length: DUE_SHARDS }, (_, shard) =>
        this.queryAll({
          TableName: this.tableName,
          IndexName: DUE_INDEX,
          KeyConditionExpression: 'GSI2PK = :bucket',
          ExpressionAttributeValues: { ':bucket': dueBucketPartition(minuteStartMs, shard) },
        }),
      ),
    );
    return shards.flat().flatMap((item) => {
      const pk = String(item.PK ?? '');
      return pk.startsWith(JOB_PREFIX) ? [pk.slice(JOB_PREFIX.length)] : [];
    });
  }

  async jobIdsWithPrefix(prefix: string, limit: number): Promise<string[]> {
    const shards = await Promise.all(
      Array.from({ length: JOB_ID_SHARDS }, (_, shard) =>
        this.queryAll(
          {
            TableName: this.tableName,
            KeyConditionExpression: prefix ? 'PK = :pk AND begins_with(SK, :prefix)' : 'PK = :pk',
            ExpressionAttributeValues: {
              ':pk': jobIdPartition(shard),
              ...(prefix ? { ':prefix': prefix } : {}),
            },
            ProjectionExpression: 'SK',
            ConsistentRead: true,
          },
          limit,
        ),
      ),
    );
    return shards
      .flat()
      .map((item) => String(item.SK))
      .sort()
      .slice(0, limit);
  }

  async restoreJobId(jobId: string): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...jobIdKey(jobId), entity: 'jobId' },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async forgetJobId(jobId: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: jobIdKey(jobId) }));
  }

  async mark(jobId: string, reason: string): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...repairKey(jobId), entity: 'repair', reason, markedAt: new Date().toISOString() },
      }),
    );
  }

  async marked(limit: number): Promise<string[]> {
    const items = await this.queryAll(
      {
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': REPAIR_PARTITION },
        ProjectionExpression: 'SK',
        ConsistentRead: true,
      },
      limit,
    );
    return items.map((item) => String(item.SK));
  }

  async unmark(jobId: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: repairKey(jobId) }));
  }
}
