/** The API writes a tenant may make only so often: each costs a call to a quota the whole account shares. */
export type RateLimitedOperation = 'create' | 'update' | 'execute';

/** At most `limit` requests per tenant in each fixed window of `windowSeconds`. */
export interface RateLimit {
  readonly limit: number;
  readonly windowSeconds: number;
}

export type RateLimits = Readonly<Record<RateLimitedOperation, RateLimit>>;

/**
 * The defaults, per tenant and minute. create and update (PUT, pause, resume) each call EventBridge
 * Scheduler's control plane, whose request rate is one quota for the whole account: 600 a minute (10/s on
 * average) lets a tenant load its 10,000-job quota in under 20 minutes while a handful of tenants cannot
 * take that quota from the rest. execute queues a run at once, bypassing every schedule: 120 a minute is a
 * human's or a test suite's pace, not a fleet's (use a schedule for that).
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  create: { limit: 600, windowSeconds: 60 },
  update: { limit: 600, windowSeconds: 60 },
  execute: { limit: 120, windowSeconds: 60 },
};

/** The fixed window `nowMs` falls in: windows start at multiples of their length since the epoch. */
export function rateWindowOf(nowMs: number, windowSeconds: number): { startMs: number; endMs: number } {
  const lengthMs = windowSeconds * 1000;
  const startMs = Math.floor(nowMs / lengthMs) * lengthMs;
  return { startMs, endMs: startMs + lengthMs };
}

/** Whole seconds from `nowMs` to the end of its window, at least 1: what Retry-After says. */
export function secondsToWindowEnd(nowMs: number, windowSeconds: number): number {
  return Math.max(1, Math.ceil((rateWindowOf(nowMs, windowSeconds).endMs - nowMs) / 1000));
}
