import { beforeEach, describe, expect, it } from 'vitest';
import {
  DependencyFailedError,
  IdempotencyKeyReusedError,
  IdempotencyKeySpentError,
  JobNotFoundError,
  QuotaExceededError,
  ValidationError,
} from '../../../lambdas/domain/errors.js';
import { TargetNotAllowedError } from '../../../lambdas/domain/target-policy.js';
import { createJob } from '../../../lambdas/use-cases/create-job.js';
import { deleteJob } from '../../../lambdas/use-cases/delete-job.js';
import { getJob } from '../../../lambdas/use-cases/get-job.js';
import { inMemoryApiDeps, webhookJob } from '../../support/use-case-deps.js';

describe('createJob', () => {
  let env: ReturnType<typeof inMemoryApiDeps>;
  beforeEach(() => {
    env = inMemoryApiDeps();
  });

  it('stores an ACTIVE job at revision 1, due at once, and registers its schedule with the fire message', async () => {
    const { job, created } = await createJob(env.deps, 'tenant-a', webhookJob());
    expect(created).toBe(true);
    expect(job).toMatchObject({
      tenant: 'tenant-a',
      status: 'ACTIVE',
      revision: 1,
      nextRunAt: '2026-11-27T10:00:00.000Z',
    });
    expect(await env.jobs.get(job.jobId)).toEqual(job);
    expect(env.schedules.schedules.get(job.jobId)).toEqual({
      jobId: job.jobId,
      tenant: 'tenant-a',
      revision: 1,
      expression: 'rate(1 minute)',
      timezone: 'UTC',
      oneTime: false,
      enabled: true,
      // A rate schedule starts on the job's grid, so a later update or recreation keeps its cadence.
      startAt: '2026-11-27T10:00:00.000Z',
    });
  });

  it('registers a one-time job in UTC, a Unix cron in AWS form, and passes the window on', async () => {
    const once = await createJob(
      env.deps,
      't',
      webhookJob({ schedule: { expression: 'at(2026-11-27T12:00:00)', timezone: 'Europe/Berlin' } }),
    );
    expect(once.job.nextRunAt).toBe('2026-11-27T11:00:00.000Z');
    expect(env.schedules.schedules.get(once.job.jobId)).toMatchObject({
      expression: 'at(2026-11-27T11:00:00)',
      oneTime: true,
    });
    const cron = await createJob(
      env.deps,
      't',
      webhookJob({
        schedule: { expression: '30 8 * * 1-5', timezone: 'Europe/Berlin', endAt: '2027-01-01T00:00:00Z' },
      }),
    );
    // It is Friday 11:00 in Berlin: the next weekday 08:30 is Monday's.
    expect(cron.job.nextRunAt).toBe('2026-11-30T07:30:00.000Z');
    expect(env.schedules.schedules.get(cron.job.jobId)).toMatchObject({
      expression: 'cron(30 8 ? * 2-6 *)',
      timezone: 'Europe/Berlin',
      endAt: '2027-01-01T00:00:00Z',
    });
  });

  it.each([
    [
      'a one-time schedule in the past',
      webhookJob({ schedule: { expression: 'at(2026-11-27T09:59:59)' } }),
      ValidationError,
    ],
    [
      'a window that has already closed',
      webhookJob({ schedule: { expression: 'rate(1 hour)', endAt: '2026-11-01T00:00:00Z' } }),
      ValidationError,
    ],
    [
      'plain http to a host not allowlisted',
      webhookJob({ target: { type: 'http', url: 'http://example.com/hook' } }),
      ValidationError,
    ],
    [
      'an SQS queue outside the allowlist',
      webhookJob({ target: { type: 'sqs', queueArn: 'arn:aws:sqs:eu-west-1:999999999999:q' } }),
      TargetNotAllowedError,
    ],
  ])('refuses %s and stores nothing', async (_case, body, error) => {
    await expect(createJob(env.deps, 't', body)).rejects.toThrow(error);
    expect(env.jobs.jobs.size).toBe(0);
    expect(env.schedules.schedules.size).toBe(0);
  });

  it('leaves no job and no quota use behind when the schedule cannot be registered, and says the client may retry', async () => {
    env.schedules.failNext.add('create');
    await expect(createJob(env.deps, 't', webhookJob(), 'key-1')).rejects.toThrow(DependencyFailedError);
    expect(env.jobs.jobs.size).toBe(0);
    expect(env.jobs.counts.get('t')).toBe(0);
    // The same Idempotency-Key works on the retry.
    const retry = await createJob(env.deps, 't', webhookJob(), 'key-1');
    expect(retry.created).toBe(true);
  });

  it('answers a repeated Idempotency-Key with the same body with the first job, and a different body with 409', async () => {
    const first = await createJob(env.deps, 't', webhookJob(), 'key-1');
    const again = await createJob(
      env.deps,
      't',
      { ...webhookJob(), target: { url: 'https://example.com/hook', type: 'http' } },
      'key-1',
    );
    expect(again).toEqual({ job: first.job, created: false });
    await expect(createJob(env.deps, 't', webhookJob({ name: 'other' }), 'key-1')).rejects.toThrow(
      IdempotencyKeyReusedError,
    );
    expect(env.jobs.jobs.size).toBe(1);
  });

  it('scopes Idempotency-Keys to the tenant', async () => {
    await createJob(env.deps, 'tenant-a', webhookJob(), 'shared');
    const other = await createJob(env.deps, 'tenant-b', webhookJob(), 'shared');
    expect(other.created).toBe(true);
    expect(env.jobs.jobs.size).toBe(2);
  });

  it('says so when the job an Idempotency-Key made was deleted since', async () => {
    const { job } = await createJob(env.deps, 't', webhookJob(), 'key-1');
    await deleteJob(env.deps, 't', job.jobId);
    await expect(createJob(env.deps, 't', webhookJob(), 'key-1')).rejects.toThrow(IdempotencyKeySpentError);
  });

  it('enforces the per-tenant quota, and frees a slot on delete', async () => {
    const small = inMemoryApiDeps({ jobQuota: 2 });
    const a = await createJob(small.deps, 't', webhookJob());
    await createJob(small.deps, 't', webhookJob());
    await expect(createJob(small.deps, 't', webhookJob())).rejects.toThrow(QuotaExceededError);
    await createJob(small.deps, 'other-tenant', webhookJob());
    await deleteJob(small.deps, 't', a.job.jobId);
    await expect(createJob(small.deps, 't', webhookJob())).resolves.toMatchObject({ created: true });
  });

  it("answers another tenant's job exactly like a missing one", async () => {
    const { job } = await createJob(env.deps, 'tenant-a', webhookJob());
    await expect(getJob(env.deps, 'tenant-b', job.jobId)).rejects.toThrow(JobNotFoundError);
    await expect(deleteJob(env.deps, 'tenant-b', job.jobId)).rejects.toThrow(JobNotFoundError);
    expect(env.jobs.jobs.size).toBe(1);
  });
});
