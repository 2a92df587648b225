import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { ReconcilerState, ReconcilerStateStore } from '../use-cases/reconciler-ports.js';

const KEY = { PK: 'RECONCILER', SK: 'STATE' } as const;

const StoredStateSchema = z.object({
  dueCheckedBeforeMs: z.optional(z.number()),
  names: z.optional(z.object({ pending: z.array(z.string()), startedAtMs: z.number() })),
  namesLastStartedAtMs: z.optional(z.number()),
  deepCursor: z.optional(z.string()),
});

/**
 * Where the reconciler's passes stand between invocations, one item in the service's table (a JSON
 * attribute, parsed on read: an unreadable state starts the passes afresh instead of failing every run).
 */
export class DynamoDbReconcilerState implements ReconcilerStateStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async load(): Promise<ReconcilerState | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: KEY, ConsistentRead: true }),
    );
    if (typeof Item?.state !== 'string') return undefined;
    try {
      const parsed = StoredStateSchema.safeParse(JSON.parse(Item.state));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  async save(state: ReconcilerState): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...KEY, entity: 'reconciler', state: JSON.stringify(state) },
      }),
    );
  }
}
