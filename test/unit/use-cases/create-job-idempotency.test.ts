import { describe, expect, it } from 'vitest';
import {
  DependencyFailedError,
  IdempotencyKeyReusedError,
  QuotaExceededError,
  RateLimitedError,
} from '../../../lambdas/domain/errors.js';
import type { Job } from '../../../lambdas/domain/job.js';
import { MetricName } from '../../../lambdas/domain/metrics.js';
import { createJob } from '../../../lambdas/use-cases/create-job.js';
import type { IdempotencyRecord } from '../../../lambdas/use-cases/ports.js';
import { InMemoryRateLimiter } from '../../support/in-memory-limits.js';
import { InMemoryJobStore, type ManualClock, RecordingMetrics } from '../../support/in-memory-ports.js';
import { inMemoryApiDeps, webhookJob } from '../../support/use-case-deps.js';

const HOUR = 3_600_000;

/** The job store with what the table's TTL does to an Idempotency-Key: past its expiry it is gone. */
class ExpiringKeyJobStore extends InMemoryJobStore {
  private readonly expiries = new Map<string, number>();
  constructor(private readonly clock: ManualClock) {
    super();
  }
  override async create(
    job: Job,
    options: { quota: number; idempotency?: IdempotencyRecord & { expiresAtMs: number } },
  ) {
    if (options.idempotency) this.forgetIfExpired(job.tenant, options.idempotency.key);
    await super.create(job, options);
    if (options.idempotency) {
      this.expiries.set(`${job.tenant}|${options.idempotency.key}`, options.idempotency.expiresAtMs);
    }
  }
  override async getIdempotencyRecord(tenant: string, key: string) {
    this.forgetIfExpired(tenant, key);
    return super.getIdempotencyRecord(tenant, key);
  }
  private forgetIfExpired(tenant: string, key: string) {
    const id = `${tenant}|${key}`;
    if ((this.expiries.get(id) ?? Number.POSITIVE_INFINITY) <= this.clock.nowMs()) this.keys.delete(id);
  }
}

/** A job store whose delete fails, as a table that went away between the create and its rollback. */
class UndeletableJobStore extends InMemoryJobStore {
  override async delete(): Promise<boolean> {
    throw new Error('ProvisionedThroughputExceededException');
  }
}

describe('createJob with an Idempotency-Key', () => {
  it('answers a replay with reordered payload keys with the same job, not a 409', async () => {
    const env = inMemoryApiDeps();
    const payload = { order: { id: 7, lines: [{ sku: 'a', qty: 1 }] }, note: 'x' };
    const first = await createJob(env.deps, 't', webhookJob({ payload }), 'key-1');
    const reordered = { note: 'x', order: { lines: [{ qty: 1, sku: 'a' }], id: 7 } };
    const again = await createJob(env.deps, 't', webhookJob({ payload: reordered }), 'key-1');
    expect(again).toEqual({ job: first.job, created: false });
    expect(env.jobs.jobs.size).toBe(1);
  });

  it('answers a replay that spells out the defaults the first request left out with the same job', async () => {
    const env = inMemoryApiDeps();
    const first = await createJob(env.deps, 't', webhookJob(), 'key-1');
    const spelledOut = webhookJob({
      schedule: { expression: 'rate(1 minute)', timezone: 'UTC' },
      target: { type: 'http', url: 'https://example.com/hook', method: 'POST' },
    });
    expect(await createJob(env.deps, 't', spelledOut, 'key-1')).toEqual({ job: first.job, created: false });
  });

  it('refuses the same key with the payload array in another order: a list is not a set', async () => {
    const env = inMemoryApiDeps();
    await createJob(env.deps, 't', webhookJob({ payload: { ids: [1, 2] } }), 'key-1');
    await expect(createJob(env.deps, 't', webhookJob({ payload: { ids: [2, 1] } }), 'key-1')).rejects.toThrow(
      IdempotencyKeyReusedError,
    );
  });

  it('refuses the same key with one payload value changed deep inside', async () => {
    const env = inMemoryApiDeps();
    await createJob(env.deps, 't', webhookJob({ payload: { a: { b: [{ c: 1 }] } } }), 'key-1');
    await expect(
      createJob(env.deps, 't', webhookJob({ payload: { a: { b: [{ c: 2 }] } } }), 'key-1'),
    ).rejects.toThrow(IdempotencyKeyReusedError);
  });

  it('remembers a key for 24 hours: a replay a moment before answers the job, one after creates a new job', async () => {
    const env = inMemoryApiDeps();
    const jobs = new ExpiringKeyJobStore(env.clock);
    const deps = { ...env.deps, jobs };
    const first = await createJob(deps, 't', webhookJob(), 'key-1');
    env.clock.advance(24 * HOUR - 1);
    expect(await createJob(deps, 't', webhookJob(), 'key-1')).toEqual({ job: first.job, created: false });
    env.clock.advance(1);
    const later = await createJob(deps, 't', webhookJob(), 'key-1');
    expect(later.created).toBe(true);
    expect(later.job.jobId).not.toBe(first.job.jobId);
    expect(jobs.jobs.size).toBe(2);
  });

  it('answers a replay with the job even when the tenant is at its quota', async () => {
    const env = inMemoryApiDeps({ jobQuota: 1 });
    const first = await createJob(env.deps, 't', webhookJob(), 'key-1');
    expect(await createJob(env.deps, 't', webhookJob(), 'key-1')).toEqual({ job: first.job, created: false });
    await expect(createJob(env.deps, 't', webhookJob(), 'key-2')).rejects.toThrow(QuotaExceededError);
  });

  it('answers a replay with the job even when the tenant has spent its create rate', async () => {
    const rateLimiter = new InMemoryRateLimiter({
      create: { limit: 1, windowSeconds: 60 },
      update: { limit: 1, windowSeconds: 60 },
      execute: { limit: 1, windowSeconds: 60 },
    });
    const env = inMemoryApiDeps({ rateLimiter });
    const first = await createJob(env.deps, 't', webhookJob(), 'key-1');
    expect(await createJob(env.deps, 't', webhookJob(), 'key-1')).toEqual({ job: first.job, created: false });
    await expect(createJob(env.deps, 't', webhookJob(), 'key-2')).rejects.toThrow(RateLimitedError);
  });

  it('answers two racing requests with one key and one body with one job', async () => {
    const env = inMemoryApiDeps();
    const [a, b] = await Promise.all([
      createJob(env.deps, 't', webhookJob(), 'key-1'),
      createJob(env.deps, 't', webhookJob(), 'key-1'),
    ]);
    expect(a.job).toEqual(b.job);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(env.jobs.jobs.size).toBe(1);
    expect(env.schedules.schedules.size).toBe(1);
  });

  it('refuses the loser of a race with one key and two bodies with 409', async () => {
    const env = inMemoryApiDeps();
    const results = await Promise.allSettled([
      createJob(env.deps, 't', webhookJob({ name: 'first' }), 'key-1'),
      createJob(env.deps, 't', webhookJob({ name: 'second' }), 'key-1'),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((result) => result.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(IdempotencyKeyReusedError);
    expect(env.jobs.jobs.size).toBe(1);
  });
});

describe('createJob with a body it cannot take', () => {
  it('says the job is not valid, naming the field, and stores nothing', async () => {
    const env = inMemoryApiDeps();
    const refused = createJob(env.deps, 't', webhookJob({ name: '' }), 'key-1');
    await expect(refused).rejects.toThrow('The job is not valid.');
    await expect(refused).rejects.toMatchObject({
      fields: expect.arrayContaining([expect.objectContaining({ path: 'name' })]),
    });
    expect(env.jobs.jobs.size).toBe(0);
  });
});

describe('createJob when the schedule cannot be registered', () => {
  it('says the client may retry even when removing the job fails too', async () => {
    const env = inMemoryApiDeps();
    const jobs = new UndeletableJobStore();
    env.schedules.failNext.add('create');
    const created = createJob({ ...env.deps, jobs }, 't', webhookJob(), 'key-1');
    await expect(created).rejects.toThrow(DependencyFailedError);
    await expect(created).rejects.toThrow(/no job was created/);
  });

  it('counts a created job once in the metrics, and a refused or replayed one not at all', async () => {
    const metrics = new RecordingMetrics();
    const env = inMemoryApiDeps({ metrics });
    await createJob(env.deps, 't', webhookJob(), 'key-1');
    await createJob(env.deps, 't', webhookJob(), 'key-1');
    env.schedules.failNext.add('create');
    await expect(createJob(env.deps, 't', webhookJob(), 'key-2')).rejects.toThrow(DependencyFailedError);
    expect(metrics.observations.filter((o) => o.name === MetricName.JobsCreated)).toEqual([
      { name: MetricName.JobsCreated, value: 1, unit: 'Count' },
    ]);
  });
});
