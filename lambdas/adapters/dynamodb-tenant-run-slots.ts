import { randomBytes } from 'node:crypto';
import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { RunSlotRequest, TenantRunSlots } from '../use-cases/ports.js';
import { isConditionalCheckFailed } from './dynamodb-errors.js';
import { runningKey } from './job-keys.js';

/** Expired leases removed by one write at most: keeps the expression small; the rest go on the next take. */
const MAX_PRUNED = 20;

type Holders = Record<string, number>;

/**
 * A lease-based semaphore per tenant: one item (`TENANT#<tenant>` / `RUNNING`) whose `holders` map holds a
 * short token per run in progress with the end of its lease. Taking a slot is one conditional write
 * (`size(holders) < limit`); when it is refused, the refused item (ALL_OLD) shows which leases have expired
 * — their executor died — and one more write drops them and takes the slot, conditional on each still having
 * the expiry read. Releasing is one write. Each entry is ≈ 25 bytes, so the item, and with it the capacity
 * of each write, grows with the limit: ≈ 0.5 KB (1 WCU) at 20 runs in progress, 2 WCU past ≈ 40.
 */
export class DynamoDbTenantRunSlots implements TenantRunSlots {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Runs one tenant may have in progress at once. */
    private readonly limit: number,
  ) {}

  async acquire(request: RunSlotRequest): Promise<string | undefined> {
    const token = randomBytes(8).toString('base64url');
    const holders = await this.take(request.tenant, token, request.leaseUntilMs, []);
    if (holders === 'taken') return token;
    if (holders === undefined) {
      // No item yet: the tenant's first run creates it; a concurrent first run may win, then try as usual.
      if (await this.create(request.tenant, token, request.leaseUntilMs)) return token;
      const again = await this.take(request.tenant, token, request.leaseUntilMs, []);
      return again === 'taken' ? token : undefined;
    }
    const expired = Object.entries(holders)
      .filter(([, until]) => until < request.nowMs)
      .slice(0, MAX_PRUNED);
    if (expired.length === 0) return undefined;
    return (await this.take(request.tenant, token, request.leaseUntilMs, expired)) === 'taken'
      ? token
      : undefined;
  }

  async release(tenant: string, token: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: runningKey(tenant),
          UpdateExpression: 'REMOVE holders.#token',
          ConditionExpression: 'attribute_exists(holders)',
          ExpressionAttributeNames: { '#token': token },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  /**
   * Adds the token if, after removing the `expired` leases (each only if unchanged), fewer than the limit
   * remain. Returns 'taken', or the holders of the refused item, or undefined when there is no item.
   */
  private async take(
    tenant: string,
    token: string,
    leaseUntilMs: number,
    expired: ReadonlyArray<[string, number]>,
  ): Promise<'taken' | Holders | undefined> {
    const names: Record<string, string> = { '#token': token };
    const values: Record<string, unknown> = { ':until': leaseUntilMs, ':limit': this.limit + expired.length };
    const unchanged: string[] = [];
    expired.forEach(([holder, until], index) => {
      names[`#e${index}`] = holder;
      values[`:e${index}`] = until;
      unchanged.push(`holders.#e${index} = :e${index}`);
    });
    const remove = expired.map((_, index) => `holders.#e${index}`);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: runningKey(tenant),
          UpdateExpression: `SET holders.#token = :until${remove.length > 0 ? ` REMOVE ${remove.join(', ')}` : ''}`,
          ConditionExpression: ['size(holders) < :limit', ...unchanged].join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'taken';
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      // The document client leaves the item of a failed condition in DynamoDB's wire format.
      if (!error.Item) return undefined;
      const item = unmarshall(error.Item as Parameters<typeof unmarshall>[0]);
      return (item.holders as Holders | undefined) ?? undefined;
    }
  }

  private async create(tenant: string, token: string, leaseUntilMs: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...runningKey(tenant), entity: 'run-slots', holders: { [token]: leaseUntilMs } },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return false;
    }
  }
}
