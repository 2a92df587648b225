import { beforeEach, describe, expect, it } from 'vitest';
import { DependencyFailedError, JobNotFoundError, ValidationError } from '../../../lambdas/domain/errors.js';
import { createJob } from '../../../lambdas/use-cases/create-job.js';
import { deleteJob } from '../../../lambdas/use-cases/delete-job.js';
import { getJob } from '../../../lambdas/use-cases/get-job.js';
import { InMemoryJobStore, InMemoryScheduleRegistry, ManualClock } from '../../support/in-memory-ports.js';

const NOW = Date.parse('2026-11-27T10:00:00Z');
const body = {
  name: 'sync',
  schedule: { expression: 'rate(1 minute)' },
  target: { type: 'http', url: 'https://example.com/hook' },
  payload: { hello: 'world' },
};

describe('createJob / getJob / deleteJob', () => {
  let jobs: InMemoryJobStore;
  let schedules: InMemoryScheduleRegistry;
  let deps: Parameters<typeof createJob>[0];
  let ids = 0;

  beforeEach(() => {
    jobs = new InMemoryJobStore();
    schedules = new InMemoryScheduleRegistry();
    deps = {
      jobs,
      schedules,
      clock: new ManualClock(NOW),
      newJobId: () => `01JAAAAAAAAAAAAAAAAAAAAAA${ids++ % 10}`,
      insecureHostsAllowed: [],
    };
  });

  it('stores an ACTIVE job at revision 1 and registers its schedule with the fire message', async () => {
    const job = await createJob(deps, 'tenant-a', body);
    expect(job).toMatchObject({
      tenant: 'tenant-a',
      status: 'ACTIVE',
      revision: 1,
      nextRunAt: '2026-11-27T10:01:00.000Z',
    });
    expect(await jobs.get(job.jobId)).toEqual(job);
    expect(schedules.schedules.get(job.jobId)).toEqual({
      jobId: job.jobId,
      tenant: 'tenant-a',
      revision: 1,
      expression: 'rate(1 minute)',
      timezone: 'UTC',
      oneTime: false,
    });
  });

  it('registers a one-time job in UTC and marks it one-time', async () => {
    const job = await createJob(deps, 't', {
      ...body,
      schedule: { expression: 'at(2026-11-27T12:00:00)', timezone: 'Europe/Berlin' },
    });
    expect(job.nextRunAt).toBe('2026-11-27T11:00:00.000Z');
    expect(schedules.schedules.get(job.jobId)).toMatchObject({
      expression: 'at(2026-11-27T11:00:00)',
      oneTime: true,
    });
  });

  it('refuses a one-time schedule in the past', async () => {
    await expect(
      createJob(deps, 't', { ...body, schedule: { expression: 'at(2026-11-27T09:59:59)' } }),
    ).rejects.toThrow(ValidationError);
    expect(jobs.jobs.size).toBe(0);
  });

  it('refuses plain http to a host that is not allowlisted, and stores nothing', async () => {
    await expect(
      createJob(deps, 't', { ...body, target: { type: 'http', url: 'http://example.com/hook' } }),
    ).rejects.toThrow(ValidationError);
    expect(jobs.jobs.size).toBe(0);
    expect(schedules.schedules.size).toBe(0);
  });

  it('leaves no job behind when the schedule cannot be registered, and says the client may retry', async () => {
    schedules.failNextCreate = true;
    await expect(createJob(deps, 't', body)).rejects.toThrow(DependencyFailedError);
    expect(jobs.jobs.size).toBe(0);
  });

  it("answers another tenant's job exactly like a missing one", async () => {
    const job = await createJob(deps, 'tenant-a', body);
    await expect(getJob(deps, 'tenant-b', job.jobId)).rejects.toThrow(JobNotFoundError);
    await expect(deleteJob(deps, 'tenant-b', job.jobId)).rejects.toThrow(JobNotFoundError);
    expect(jobs.jobs.size).toBe(1);
  });

  it('deletes both the job and its schedule', async () => {
    const job = await createJob(deps, 'tenant-a', body);
    await deleteJob(deps, 'tenant-a', job.jobId);
    expect(jobs.jobs.size).toBe(0);
    expect(schedules.schedules.size).toBe(0);
    await expect(getJob(deps, 'tenant-a', job.jobId)).rejects.toThrow(JobNotFoundError);
  });
});
