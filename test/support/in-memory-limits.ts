import {
  type RateLimitedOperation,
  type RateLimits,
  rateWindowOf,
  secondsToWindowEnd,
} from '../../lambdas/domain/rate-limit.js';
import type { RateDecision, RateLimiter, TenantRunSlots } from '../../lambdas/use-cases/ports.js';

/** Fixed-window counters in memory, by the same rule as DynamoDbRateLimiter. */
export class InMemoryRateLimiter implements RateLimiter {
  readonly counts = new Map<string, number>();
  constructor(private readonly limits: RateLimits) {}

  async take(tenant: string, operation: RateLimitedOperation, nowMs: number): Promise<RateDecision> {
    const limit = this.limits[operation];
    const key = `${tenant}|${operation}|${rateWindowOf(nowMs, limit.windowSeconds).startMs}`;
    const count = this.counts.get(key) ?? 0;
    if (count >= limit.limit) {
      return { allowed: false, limit, retryAfterSeconds: secondsToWindowEnd(nowMs, limit.windowSeconds) };
    }
    this.counts.set(key, count + 1);
    return { allowed: true };
  }
}

/** Leased run slots in memory, by the same rule as DynamoDbTenantRunSlots (expired leases do not count). */
export class InMemoryTenantRunSlots implements TenantRunSlots {
  readonly holders = new Map<string, Map<string, number>>();
  private tokens = 0;
  constructor(private readonly limit: number) {}

  async acquire(request: { tenant: string; leaseUntilMs: number; nowMs: number }) {
    const held = this.holders.get(request.tenant) ?? new Map<string, number>();
    this.holders.set(request.tenant, held);
    for (const [token, until] of held) if (until < request.nowMs) held.delete(token);
    if (held.size >= this.limit) return undefined;
    const token = `slot-${++this.tokens}`;
    held.set(token, request.leaseUntilMs);
    return token;
  }

  async release(tenant: string, token: string) {
    this.holders.get(tenant)?.delete(token);
  }

  /** Slots the tenant holds now. */
  held(tenant: string): number {
    return this.holders.get(tenant)?.size ?? 0;
  }
}
