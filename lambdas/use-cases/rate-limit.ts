import { RateLimitedError } from '../domain/errors.js';
import type { RateLimitedOperation } from '../domain/rate-limit.js';
import type { Clock, RateLimiter } from './ports.js';

/**
 * Counts a write against the tenant's rate limit, or refuses it with a 429 before anything else is written.
 * Called after the request is validated (a refused body costs the tenant nothing) and before the first
 * write, so an over-limit create spends neither a quota slot nor an Idempotency-Key.
 */
export async function enforceRateLimit(
  deps: { readonly rateLimiter: RateLimiter; readonly clock: Clock },
  tenant: string,
  operation: RateLimitedOperation,
): Promise<void> {
  const decision = await deps.rateLimiter.take(tenant, operation, deps.clock.nowMs());
  if (!decision.allowed) {
    throw new RateLimitedError(
      operation,
      decision.limit.limit,
      decision.limit.windowSeconds,
      decision.retryAfterSeconds,
    );
  }
}
