import { describe, expect, it } from 'vitest';
import { RUN_LOCK_CONDITION } from '../../../lambdas/adapters/dynamodb-run-store.js';
import { canTakeRunLock, runExpiryEpochSeconds } from '../../../lambdas/domain/run.js';

const now = 1_800_000_000_000;

describe('canTakeRunLock', () => {
  it.each([
    ['no run yet', undefined, true],
    ['a RUNNING run whose lease expired', { status: 'RUNNING', leaseExpiresAtMs: now - 1 }, true],
    ['a RUNNING run whose lease is live', { status: 'RUNNING', leaseExpiresAtMs: now + 1 }, false],
    [
      'a RUNNING run whose lease ends this very millisecond',
      { status: 'RUNNING', leaseExpiresAtMs: now },
      false,
    ],
    ['a SUCCEEDED run', { status: 'SUCCEEDED' }, false],
    ['a FAILED run', { status: 'FAILED' }, false],
    ['a SKIPPED run', { status: 'SKIPPED' }, false],
  ] as const)('with %s: %s', (_case, existing, expected) => {
    expect(canTakeRunLock(existing, now)).toBe(expected);
  });
});

describe('the DynamoDB lock condition', () => {
  it('is the same two clauses: no item, or RUNNING with an expired lease', () => {
    expect(RUN_LOCK_CONDITION).toBe(
      'attribute_not_exists(PK) OR (#status = :running AND #leaseExpiresAtMs < :nowMs)',
    );
  });
});

describe('runExpiryEpochSeconds', () => {
  it('is in seconds, not milliseconds', () => {
    expect(runExpiryEpochSeconds(now, 30)).toBe(now / 1000 + 30 * 86_400);
  });
});
