import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbJobStore } from '../../lambdas/adapters/dynamodb-job-store.js';
import { QuotaExceededError } from '../../lambdas/domain/errors.js';
import type { Job } from '../../lambdas/domain/job.js';
import { IdempotencyKeyTakenError } from '../../lambdas/use-cases/ports.js';
import { createJobTable, deleteTable, documentClient } from '../support/local-aws.js';

const job: Job = {
  jobId: '01JEEEEEEEEEEEEEEEEEEEEEEE',
  tenant: 'arn:aws:iam::1:user/alice',
  name: 'sync',
  schedule: { expression: 'rate(1 minute)', timezone: 'UTC' },
  target: {
    type: 'http',
    url: 'https://example.com',
    method: 'POST',
    headers: { 'x-a': 'b' },
    timeoutSeconds: 5,
  },
  payload: { nested: { list: [1, 2] } },
  retryPolicy: { maxAttempts: 3, initialDelaySeconds: 10, maxDelaySeconds: 300, multiplier: 2 },
  overlap: 'allow',
  status: 'ACTIVE',
  revision: 1,
  createdAt: '2026-11-27T10:00:00.000Z',
  updatedAt: '2026-11-27T10:00:00.000Z',
  scheduleAnchorAt: '2026-11-27T10:00:00.000Z',
  nextRunAt: '2026-11-27T10:01:00.000Z',
};
const variant = (n: number, overrides: Partial<Job> = {}): Job => ({
  ...job,
  jobId: `01JEEEEEEEEEEEEEEEEEEEE${String(n).padStart(3, '0')}`,
  createdAt: `2026-11-27T10:00:${String(n).padStart(2, '0')}.000Z`,
  ...overrides,
});

describe('DynamoDbJobStore against the local DynamoDB', () => {
  let tableName: string;
  let jobs: DynamoDbJobStore;
  beforeAll(async () => {
    tableName = await createJobTable('job-store');
    jobs = new DynamoDbJobStore(documentClient, tableName);
  });
  afterAll(async () => deleteTable(tableName));

  it('round-trips a job without leaking key attributes, and refuses a second create of the same id', async () => {
    await jobs.create(job, { quota: 100 });
    expect(await jobs.get(job.jobId)).toEqual(job);
    await expect(jobs.create(job, { quota: 100 })).rejects.toMatchObject({
      name: 'TransactionCanceledException',
    });
  });

  it('records run results, moves nextRunAt, completes, and never moves lastRunAt backwards', async () => {
    await jobs.recordRunResult(job.jobId, {
      revision: 1,
      lastRunAt: '2026-11-27T10:02:00.000Z',
      lastRunStatus: 'SUCCEEDED',
      nextRunAt: '2026-11-27T10:03:00.000Z',
      completed: false,
    });
    await jobs.recordRunResult(job.jobId, {
      revision: 1,
      lastRunAt: '2026-11-27T10:01:00.000Z',
      lastRunStatus: 'FAILED',
      completed: false,
    });
    expect(await jobs.get(job.jobId)).toMatchObject({
      lastRunAt: '2026-11-27T10:02:00.000Z',
      lastRunStatus: 'SUCCEEDED',
      nextRunAt: '2026-11-27T10:03:00.000Z',
    });
    await jobs.recordRunResult(job.jobId, {
      revision: 1,
      lastRunAt: '2026-11-27T10:03:00.000Z',
      lastRunStatus: 'SUCCEEDED',
      completed: true,
    });
    const completed = await jobs.get(job.jobId);
    expect(completed?.status).toBe('COMPLETED');
    expect(completed?.nextRunAt).toBeUndefined();
  });

  it('counts runs, and does not complete or reschedule a job changed since the run started', async () => {
    expect(await jobs.get(job.jobId)).toMatchObject({ runsSucceeded: 2, runsFailed: 1 });
    await jobs.countSkippedRun(job.jobId);
    expect(await jobs.get(job.jobId)).toMatchObject({ runsSkipped: 1 });
    await jobs.countSkippedRun(job.jobId, { reason: 'paused', at: '2026-11-27T10:05:00.000Z' });
    expect(await jobs.get(job.jobId)).toMatchObject({
      runsSkipped: 2,
      lastSkipReason: 'paused',
      lastSkippedAt: '2026-11-27T10:05:00.000Z',
    });
  });

  it('replaces a job only at the expected revision', async () => {
    const current = await jobs.get(job.jobId);
    if (!current) throw new Error('job expected');
    expect(await jobs.replace({ ...current, name: 'stale', revision: 3 }, 2)).toBe(false);
    expect(
      await jobs.replace(
        { ...current, name: 'renamed', revision: 2, status: 'ACTIVE', nextRunAt: '2026-12-01T00:00:00.000Z' },
        1,
      ),
    ).toBe(true);
    expect(await jobs.get(job.jobId)).toMatchObject({ name: 'renamed', revision: 2 });
    // A run made for revision 1 finishing now is counted and shown as the last run, but its job's next run and
    // status stay as revision 2 has them.
    await jobs.recordRunResult(job.jobId, {
      revision: 1,
      lastRunAt: '2026-11-27T10:05:00.000Z',
      lastRunStatus: 'SUCCEEDED',
      completed: true,
    });
    expect(await jobs.get(job.jobId)).toMatchObject({
      status: 'ACTIVE',
      nextRunAt: '2026-12-01T00:00:00.000Z',
      lastRunAt: '2026-11-27T10:05:00.000Z',
      runsSucceeded: 3,
    });
  });

  it('deletes only at the expected revision, and does not resurrect a deleted job on a late run result', async () => {
    expect(await jobs.delete(job, 1)).toBe(false);
    expect(await jobs.delete(job, 2)).toBe(true);
    expect(await jobs.delete(job, 2)).toBe(false);
    await jobs.recordRunResult(job.jobId, {
      revision: 1,
      lastRunAt: '2026-11-27T10:09:00.000Z',
      lastRunStatus: 'SUCCEEDED',
      completed: false,
    });
    expect(await jobs.get(job.jobId)).toBeUndefined();
  });

  it('counts jobs against the quota atomically, per tenant, and frees the slot on delete', async () => {
    const tenant = 'quota-tenant';
    const attempts = await Promise.allSettled(
      Array.from({ length: 6 }, (_, n) => jobs.create(variant(n, { tenant }), { quota: 3 })),
    );
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(3);
    const refusals = attempts.filter((attempt) => attempt.status === 'rejected');
    for (const refusal of refusals)
      expect((refusal as PromiseRejectedResult).reason).toBeInstanceOf(QuotaExceededError);
    const listed = await jobs.list(tenant, {}, { limit: 10 });
    const [first] = listed.items;
    if (!first) throw new Error('a job expected');
    await jobs.delete(first, first.revision);
    await expect(jobs.create(variant(50, { tenant }), { quota: 3 })).resolves.toBeUndefined();
  });

  it('records an Idempotency-Key with the job, once per tenant and key', async () => {
    const record = { key: 'k-1', bodyHash: 'h', jobId: variant(60).jobId, expiresAtMs: Date.now() + 60_000 };
    await jobs.create(variant(60, { tenant: 'idem' }), { quota: 10, idempotency: record });
    expect(await jobs.getIdempotencyRecord('idem', 'k-1')).toEqual({
      key: 'k-1',
      bodyHash: 'h',
      jobId: variant(60).jobId,
    });
    await expect(
      jobs.create(variant(61, { tenant: 'idem' }), {
        quota: 10,
        idempotency: { ...record, jobId: variant(61).jobId },
      }),
    ).rejects.toBeInstanceOf(IdempotencyKeyTakenError);
    expect(await jobs.get(variant(61).jobId)).toBeUndefined();
    expect(await jobs.getIdempotencyRecord('other-tenant', 'k-1')).toBeUndefined();
  });

  it('treats an Idempotency-Key past its window as free, before DynamoDB’s TTL has deleted it', async () => {
    const expired = {
      key: 'k-old',
      bodyHash: 'h',
      jobId: variant(62).jobId,
      expiresAtMs: Date.now() - 1_000,
    };
    await jobs.create(variant(62, { tenant: 'idem-expired' }), { quota: 10, idempotency: expired });
    expect(await jobs.getIdempotencyRecord('idem-expired', 'k-old')).toBeUndefined();
    const fresh = { ...expired, jobId: variant(63).jobId, expiresAtMs: Date.now() + 60_000 };
    await jobs.create(variant(63, { tenant: 'idem-expired' }), { quota: 10, idempotency: fresh });
    expect(await jobs.getIdempotencyRecord('idem-expired', 'k-old')).toMatchObject({
      jobId: variant(63).jobId,
    });
  });

  it('lists a tenant’s jobs newest first with filters and a cursor that only works for that tenant', async () => {
    const tenant = 'lister';
    for (let n = 0; n < 7; n++) {
      await jobs.create(
        variant(70 + n, {
          tenant,
          name: n % 2 ? `odd-${n}` : `even-${n}`,
          status: n === 6 ? 'PAUSED' : 'ACTIVE',
        }),
        {
          quota: 100,
        },
      );
    }
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await jobs.list(tenant, {}, { limit: 3, ...(cursor ? { cursor } : {}) });
      pages.push(page.items.map((item) => item.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages.flat()).toEqual(['even-6', 'odd-5', 'even-4', 'odd-3', 'even-2', 'odd-1', 'even-0']);
    expect(
      (await jobs.list(tenant, { namePrefix: 'odd' }, { limit: 2 })).items.map((item) => item.name),
    ).toEqual(['odd-5', 'odd-3']);
    expect(
      (await jobs.list(tenant, { status: 'PAUSED' }, { limit: 10 })).items.map((item) => item.name),
    ).toEqual(['even-6']);
    const page = await jobs.list(tenant, {}, { limit: 1 });
    await expect(
      jobs.list('someone-else', {}, { limit: 1, cursor: page.nextCursor ?? '' }),
    ).rejects.toMatchObject({
      code: 'invalid_cursor',
    });
  });

  it('lists only the jobs whose latest run failed, across the tenant, for lastRunStatus=FAILED', async () => {
    const tenant = 'arn:aws:iam::1:user/failing';
    const failing = variant(91, { tenant, lastRunStatus: 'FAILED', lastRunAt: '2026-11-27T10:01:00.000Z' });
    await jobs.create(failing, { quota: 100 });
    await jobs.create(variant(92, { tenant, lastRunStatus: 'SUCCEEDED' }), { quota: 100 });
    await jobs.create(variant(93, { tenant }), { quota: 100 });
    const page = await jobs.list(tenant, { lastRunStatus: 'FAILED' }, { limit: 10 });
    expect(page.items.map((item) => item.jobId)).toEqual([failing.jobId]);
  });
});
