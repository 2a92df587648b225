import { describe, expect, it } from 'vitest';
import { MalformedRunItemError, runFromItem } from '../../../lambdas/adapters/run-item.js';

const stored = {
  PK: 'JOB#01J',
  SK: 'RUN#2026-11-27T10:01:00.000Z',
  entity: 'run',
  ttlEpochSeconds: 1_800_000_000,
  leaseToken: 'secret-ish',
  jobId: '01J',
  runId: '2026-11-27T10:01:00.000Z',
  scheduledTime: '2026-11-27T10:01:00.000Z',
  trigger: 'schedule',
  status: 'RUNNING',
  attempt: 2,
  startedAt: '2026-11-27T10:01:01.000Z',
  leaseExpiresAtMs: 1_795_000_000_000,
  nextAttemptAt: '2026-11-27T10:02:00.000Z',
  outcome: { durationMs: 12, statusCode: 503, error: 'target answered HTTP 503' },
  attempts: [
    { attempt: 1, startedAt: '2026-11-27T10:01:01.000Z', outcome: { durationMs: 12, statusCode: 503 } },
  ],
};

describe('runFromItem', () => {
  it("keeps a run's fields and none of the item's bookkeeping (keys, entity, lease token, TTL)", () => {
    const run = runFromItem(stored);
    expect(run).toMatchObject({
      jobId: '01J',
      status: 'RUNNING',
      attempt: 2,
      leaseExpiresAtMs: 1_795_000_000_000,
    });
    expect(run.attempts?.[0]?.outcome.statusCode).toBe(503);
    for (const bookkeeping of ['PK', 'SK', 'entity', 'ttlEpochSeconds', 'leaseToken']) {
      expect(run).not.toHaveProperty(bookkeeping);
    }
  });

  it.each([
    ['no status', { ...stored, status: undefined }],
    ['an unknown status', { ...stored, status: 'PENDING' }],
    ['an unknown trigger', { ...stored, trigger: 'cron' }],
    ['an attempt that is not a number', { ...stored, attempt: '2' }],
    ['an outcome without a duration', { ...stored, outcome: { statusCode: 200 } }],
  ])('refuses an item with %s', (_case, item) => {
    expect(() => runFromItem(item)).toThrow(MalformedRunItemError);
  });
});
