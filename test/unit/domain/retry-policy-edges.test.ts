import { describe, expect, it } from 'vitest';
import {
  MAX_RETRY_DELAY_SECONDS,
  parseRetryAfter,
  RetryPolicySchema,
  retryDelaySeconds,
} from '../../../lambdas/domain/retry-policy.js';

const NOW = Date.parse('2026-11-27T10:00:00Z');
const valid = (policy: unknown) => RetryPolicySchema.safeParse(policy).success;

describe('retry policy at its edges', () => {
  it('accepts a constant delay: maxDelaySeconds equal to initialDelaySeconds', () => {
    expect(valid({ initialDelaySeconds: 30, maxDelaySeconds: 30 })).toBe(true);
    expect(
      retryDelaySeconds(RetryPolicySchema.parse({ initialDelaySeconds: 30, maxDelaySeconds: 30 }), 4),
    ).toBe(30);
  });

  it.each([
    [{ maxAttempts: 1 }, true],
    [{ maxAttempts: 10 }, true],
    [{ maxAttempts: 2.5 }, false],
    [{ initialDelaySeconds: 1, maxDelaySeconds: 1 }, true],
    [{ initialDelaySeconds: 0 }, false],
    [{ initialDelaySeconds: 3_600, maxDelaySeconds: 3_600 }, true],
    [{ initialDelaySeconds: 3_601, maxDelaySeconds: 4_000 }, false],
    [{ maxDelaySeconds: MAX_RETRY_DELAY_SECONDS }, true],
    [{ maxDelaySeconds: MAX_RETRY_DELAY_SECONDS + 1 }, false],
    [{ maxDelaySeconds: 9 }, false],
    [{ multiplier: 1 }, true],
    [{ multiplier: 1.5 }, true],
    [{ multiplier: 10 }, true],
    [{ multiplier: 10.5 }, false],
  ])('judges %o valid: %s', (policy, expected) => {
    expect(valid(policy)).toBe(expected);
  });

  it('fills every absent member with its default', () => {
    expect(RetryPolicySchema.parse({ maxAttempts: 5 })).toEqual({
      maxAttempts: 5,
      initialDelaySeconds: 10,
      maxDelaySeconds: 300,
      multiplier: 2,
    });
  });

  it('names the member and says why when the maximum delay is below the initial one', () => {
    const issues = RetryPolicySchema.safeParse({ initialDelaySeconds: 60, maxDelaySeconds: 59 }).error
      ?.issues;
    expect(issues).toEqual([
      expect.objectContaining({
        path: ['maxDelaySeconds'],
        message: 'maxDelaySeconds must be at least initialDelaySeconds.',
      }),
    ]);
  });

  it('rounds a fractional backoff up to whole seconds', () => {
    const policy = RetryPolicySchema.parse({ initialDelaySeconds: 3, multiplier: 1.5, maxDelaySeconds: 100 });
    expect([1, 2, 3].map((attempt) => retryDelaySeconds(policy, attempt))).toEqual([3, 5, 7]);
  });

  it.each([
    ['120', 120],
    [' 120 ', 120],
    ['0', 0],
    ['120abc', undefined],
    ['abc120', undefined],
    ['', undefined],
    [null, undefined],
    // An HTTP date: seconds from now, rounded up; a date in the past means "now".
    ['Fri, 27 Nov 2026 10:00:00 GMT', 0],
    ['Fri, 27 Nov 2026 09:00:00 GMT', 0],
    ['Fri, 27 Nov 2026 10:00:01 GMT', 1],
  ])('reads a Retry-After of %j as %s seconds', (header, seconds) => {
    expect(parseRetryAfter(header, NOW)).toBe(seconds);
  });

  it('rounds an HTTP date that lies a fraction of a second ahead up to the next second', () => {
    expect(parseRetryAfter('Fri, 27 Nov 2026 10:00:01 GMT', NOW + 200)).toBe(1);
    expect(parseRetryAfter('Fri, 27 Nov 2026 10:00:01 GMT', NOW + 1_200)).toBe(0);
  });
});
