import * as z from 'zod/mini';
import { SQS_MAX_VISIBILITY_SECONDS } from './lease.js';

/** Retries wait as message visibility: the longest single wait between attempts is SQS's cap. */
export const MAX_RETRY_DELAY_SECONDS = SQS_MAX_VISIBILITY_SECONDS;

// Outside the lazy schema so that it is made once at load: a mutation test sees every test that reads it.
const MAX_BELOW_INITIAL = {
  message: 'maxDelaySeconds must be at least initialDelaySeconds.',
  path: ['maxDelaySeconds'],
};

export const RetryPolicySchema = z.lazy(() =>
  z
    .strictObject({
      /** Calls of the target per fire, the first included. */
      maxAttempts: z._default(z.int().check(z.minimum(1), z.maximum(10)), 3),
      initialDelaySeconds: z._default(z.int().check(z.minimum(1), z.maximum(3_600)), 10),
      maxDelaySeconds: z._default(z.int().check(z.minimum(1), z.maximum(MAX_RETRY_DELAY_SECONDS)), 300),
      multiplier: z._default(z.number().check(z.minimum(1), z.maximum(10)), 2),
    })
    .check(z.refine((policy) => policy.maxDelaySeconds >= policy.initialDelaySeconds, MAX_BELOW_INITIAL)),
);

export type RetryPolicy = z.infer<typeof RetryPolicySchema>;

/** What RetryPolicySchema gives an absent policy (a unit test holds them equal). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  initialDelaySeconds: 10,
  maxDelaySeconds: 300,
  multiplier: 2,
};

/**
 * Seconds to wait after failed attempt number `attempt` (1-based) before the next one: exponential backoff
 * from the initial delay, capped at the policy's maximum. A target's Retry-After wins when it asks for
 * longer, up to SQS's 12-hour limit.
 */
export function retryDelaySeconds(policy: RetryPolicy, attempt: number, retryAfterSeconds?: number): number {
  const backoff = Math.min(
    policy.maxDelaySeconds,
    policy.initialDelaySeconds * policy.multiplier ** (attempt - 1),
  );
  const wanted = Math.max(backoff, retryAfterSeconds ?? 0);
  return Math.min(MAX_RETRY_DELAY_SECONDS, Math.ceil(wanted));
}

/** Parses a Retry-After header: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}
