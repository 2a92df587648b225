import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { INITIAL_GENERATIONS, type SigningGenerations } from '../domain/signing-rotation.js';
import type { SigningGenerationStore } from '../use-cases/ports.js';
import { isConditionalCheckFailed } from './dynamodb-errors.js';
import { signingKey } from './job-keys.js';

/**
 * Each tenant's signing generations, one small item per tenant (`TENANT#<tenant>` / `SIGNING`) holding
 * numbers and times only: the secrets themselves are derived from the master key and never stored.
 */
export class DynamoDbSigningGenerations implements SigningGenerationStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(tenant: string): Promise<SigningGenerations> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: signingKey(tenant), ConsistentRead: true }),
    );
    if (!Item) return INITIAL_GENERATIONS;
    return {
      current: Number(Item.current),
      issued: Number(Item.issued),
      version: Number(Item.version),
      ...(Item.next === undefined ? {} : { next: Number(Item.next) }),
      ...(typeof Item.rotationStartedAt === 'string' ? { rotationStartedAt: Item.rotationStartedAt } : {}),
      ...(typeof Item.rotatedAt === 'string' ? { rotatedAt: Item.rotatedAt } : {}),
    };
  }

  async save(tenant: string, state: SigningGenerations): Promise<boolean> {
    // Optimistic lock: the first write needs the item absent, every later one the version it read.
    const condition =
      state.version === 0
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : {
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': state.version },
          };
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...signingKey(tenant), entity: 'signing', tenant, ...state, version: state.version + 1 },
          ...condition,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}
