import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { DeadFire } from '../domain/dead-fire.js';
import type { Page, PageRequest } from '../domain/page.js';
import type { DeadFireStore } from '../use-cases/ports.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { isConditionalCheckFailed } from './dynamodb-errors.js';
import { deadFireKey, deadFirePartition } from './job-keys.js';

const SECONDS_PER_DAY = 86_400;

function toDeadFire(item: Record<string, unknown>): DeadFire {
  const { PK: _pk, SK: _sk, entity: _entity, ttlEpochSeconds: _ttl, ...deadFire } = item;
  return deadFire as unknown as DeadFire;
}

/**
 * Dead fires in the service's table, one partition per tenant (`DEADLETTER#<tenant>`, sort key the dead fire's
 * id): every read is a Query or GetItem of the caller's own partition, so no tenant's dead fires can hide,
 * delay or expose another's.
 */
export class DynamoDbDeadFireStore implements DeadFireStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Days a dead fire is kept: the DLQ's own retention, so filing it costs nothing in time. */
    private readonly retentionDays = 14,
  ) {}

  async file(deadFire: DeadFire): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...deadFireKey(deadFire.tenant, deadFire.id),
            entity: 'deadletter',
            ...deadFire,
            ttlEpochSeconds:
              Math.floor(Date.parse(deadFire.filedAt) / 1000) + this.retentionDays * SECONDS_PER_DAY,
          },
          // A redelivered dead letter has the same id: it is filed once.
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async list(tenant: string, page: PageRequest): Promise<Page<DeadFire>> {
    const PK = deadFirePartition(tenant);
    // A cursor from another tenant's list (or a forged one) is refused: it could only point into its partition.
    const startKey = decodeCursor(page.cursor, ['PK', 'SK'], { name: 'PK', value: PK });
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': PK },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const nextCursor = encodeCursor(result.LastEvaluatedKey);
    return { items: (result.Items ?? []).map(toDeadFire), ...(nextCursor ? { nextCursor } : {}) };
  }

  async oldest(tenant: string, limit: number): Promise<DeadFire[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': deadFirePartition(tenant) },
        ScanIndexForward: true,
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map(toDeadFire);
  }

  async get(tenant: string, id: string): Promise<DeadFire | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: deadFireKey(tenant, id) }),
    );
    return Item ? toDeadFire(Item) : undefined;
  }

  async remove(tenant: string, id: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: deadFireKey(tenant, id) }));
  }
}
