/** How failed calls are retried: bounded attempts, exponential backoff with full jitter, Retry-After honoured. */
export interface RetryOptions {
  /** Attempts in all, the first included. @default 4 */
  readonly maxAttempts?: number;
  /** The backoff's first ceiling. @default 250 */
  readonly baseDelayMs?: number;
  /** The backoff's largest ceiling. @default 8000 */
  readonly maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the error is thrown instead. @default 60000 */
  readonly maxRetryAfterMs?: number;
}

/**
 * Which failures a call may be retried after.
 * - `idempotent`: 429, 503 and network errors (reads, PUT, DELETE, pause/resume, and a create that carries an
 *   Idempotency-Key, which the API answers with the job the first attempt made).
 * - `refused-only`: 429 alone, which the API answers before it does anything (execute, redrive, rotate: a
 *   second attempt after a lost answer would act twice).
 */
export type RetryMode = 'idempotent' | 'refused-only';

export const retryableStatus = (mode: RetryMode, status: number): boolean =>
  status === 429 || (mode === 'idempotent' && status === 503);

/** The wait before attempt `attempt + 1` (attempt counts from 1): Retry-After when given, else full jitter. */
export function retryDelayMs(
  options: RetryOptions,
  attempt: number,
  retryAfterSeconds: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterSeconds !== undefined) return retryAfterSeconds * 1000;
  const ceiling = Math.min(options.maxDelayMs ?? 8000, (options.baseDelayMs ?? 250) * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}
