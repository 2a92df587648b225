import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ReconcilerCursor, ReconcilerStateStore } from '../use-cases/reconcile.js';

const KEY = { PK: 'RECONCILER', SK: 'CURSOR' } as const;

/** The reconciler's cursor between invocations, one item in the service's table. */
export class DynamoDbReconcilerState implements ReconcilerStateStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async load(): Promise<ReconcilerCursor | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: KEY, ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { PK: _pk, SK: _sk, entity: _entity, ...cursor } = Item;
    return cursor as ReconcilerCursor;
  }

  async save(cursor: ReconcilerCursor | undefined): Promise<void> {
    if (!cursor) {
      await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: KEY }));
      return;
    }
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { ...KEY, entity: 'reconciler', ...cursor } }),
    );
  }
}
