import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type RateLimitedOperation,
  type RateLimits,
  rateWindowOf,
  secondsToWindowEnd,
} from '../domain/rate-limit.js';
import type { RateDecision, RateLimiter } from '../use-cases/ports.js';
import { isConditionalCheckFailed } from './dynamodb-errors.js';
import { rateKey } from './job-keys.js';

/** Counter items outlive their window by this much before DynamoDB's TTL removes them (TTL runs late anyway). */
const COUNTER_KEPT_SECONDS = 3_600;

/**
 * Fixed-window counters in the service's table, one item per (tenant, operation, window): a take is one
 * conditional ADD that succeeds only while the count is under the limit, so N parallel takes at limit L
 * count exactly L. A refused take writes nothing (it still costs the refused write's capacity). A fixed
 * window lets a tenant make up to twice its limit across a window boundary; that is the price of one write
 * per request instead of a sliding log.
 */
export class DynamoDbRateLimiter implements RateLimiter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly limits: RateLimits,
  ) {}

  async take(tenant: string, operation: RateLimitedOperation, nowMs: number): Promise<RateDecision> {
    const limit = this.limits[operation];
    const window = rateWindowOf(nowMs, limit.windowSeconds);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: rateKey(tenant, operation, window.startMs),
          UpdateExpression: 'ADD #count :one SET ttlEpochSeconds = if_not_exists(ttlEpochSeconds, :ttl)',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': limit.limit,
            ':ttl': Math.ceil(window.endMs / 1000) + COUNTER_KEPT_SECONDS,
          },
        }),
      );
      return { allowed: true };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return { allowed: false, limit, retryAfterSeconds: secondsToWindowEnd(nowMs, limit.windowSeconds) };
    }
  }
}
