import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  RetryPolicySchema,
  retryDelaySeconds,
} from '../../../lambdas/domain/retry-policy.js';

describe('retry policy', () => {
  it('defaults to 3 attempts, 10 s growing ×2 up to 5 minutes', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({
      maxAttempts: 3,
      initialDelaySeconds: 10,
      maxDelaySeconds: 300,
      multiplier: 2,
    });
    expect(RetryPolicySchema.parse({})).toEqual(DEFAULT_RETRY_POLICY);
  });

  it.each([
    [1, 10],
    [2, 20],
    [3, 40],
    [5, 160],
    [6, 300],
    [9, 300],
  ])('waits after attempt %i for %i s', (attempt, seconds) => {
    expect(retryDelaySeconds(DEFAULT_RETRY_POLICY, attempt)).toBe(seconds);
  });

  it('takes a longer Retry-After, but never past SQS’s 12 hours', () => {
    expect(retryDelaySeconds(DEFAULT_RETRY_POLICY, 1, 90)).toBe(90);
    expect(retryDelaySeconds(DEFAULT_RETRY_POLICY, 1, 2)).toBe(10);
    expect(retryDelaySeconds(DEFAULT_RETRY_POLICY, 1, 10 ** 7)).toBe(43_200);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Fri, 27 Nov 2026 10:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it.each([
    [{ maxAttempts: 0 }, 'maxAttempts'],
    [{ maxAttempts: 11 }, 'maxAttempts'],
    [{ initialDelaySeconds: 60, maxDelaySeconds: 30 }, 'maxDelaySeconds'],
    [{ multiplier: 0.5 }, 'multiplier'],
    [{ retries: 3 }, ''],
  ])('refuses %o', (policy, path) => {
    const issues = RetryPolicySchema.safeParse(policy).error?.issues ?? [];
    expect(issues.map((issue) => issue.path.join('.'))).toContain(path);
  });
});
