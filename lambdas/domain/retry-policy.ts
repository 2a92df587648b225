import * as z from 'zod';

/** SQS keeps a message invisible for at most 12 hours: the longest single wait between attempts. */
export const MAX_RETRY_DELAY_SECONDS = 43_200;

export const RetryPolicySchema = z
  .object({
    /** Calls of the target per fire, the first included. */
    maxAttempts: z.number().int().min(1).max(10).default(3),
    initialDelaySeconds: z.number().int().min(1).max(3_600).default(10),
    maxDelaySeconds: z.number().int().min(1).max(MAX_RETRY_DELAY_SECONDS).default(300),
    multiplier: z.number().min(1).max(10).default(2),
  })
  .strict()
  .refine((policy) => policy.maxDelaySeconds >= policy.initialDelaySeconds, {
    message: 'maxDelaySeconds must be at least initialDelaySeconds.',
    path: ['maxDelaySeconds'],
  });

export type RetryPolicy = z.infer<typeof RetryPolicySchema>;

export const DEFAULT_RETRY_POLICY: RetryPolicy = RetryPolicySchema.parse({});

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
