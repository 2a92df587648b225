import {
  CreateScheduleGroupCommand,
  DeleteScheduleGroupCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbJobStore } from '../../lambdas/adapters/dynamodb-job-store.js';
import { DynamoDbRunStore } from '../../lambdas/adapters/dynamodb-run-store.js';
import { EventBridgeScheduleRegistry } from '../../lambdas/adapters/eventbridge-schedule-registry.js';
import { DependencyFailedError } from '../../lambdas/domain/errors.js';
import { type CreateJobDeps, createJob } from '../../lambdas/use-cases/create-job.js';
import { deleteJob } from '../../lambdas/use-cases/delete-job.js';
import type { ScheduleRegistry } from '../../lambdas/use-cases/ports.js';
import { noMetrics, noRateLimits, systemClock } from '../../lambdas/use-cases/ports.js';
import { pauseJob, updateJob } from '../../lambdas/use-cases/update-job.js';
import { createJobTable, deleteTable, documentClient, localAws } from '../support/local-aws.js';
import { webhookJob } from '../support/use-case-deps.js';

const scheduler = new SchedulerClient(localAws);
const groupName = `use-cases-${Date.now()}`;

/** Wraps the real registry; the named operations fail once, as a throttled Scheduler would. */
function flaky(registry: ScheduleRegistry, failing: Set<string>): ScheduleRegistry {
  const gate = async <T>(operation: string, call: () => Promise<T>) => {
    if (failing.delete(operation))
      throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    return call();
  };
  return {
    create: (spec) => gate('create', () => registry.create(spec)),
    update: (spec) => gate('update', () => registry.update(spec)),
    delete: (jobId) => gate('delete', () => registry.delete(jobId)),
    describe: (jobId) => registry.describe(jobId),
    listNames: (token) => registry.listNames(token),
  };
}

describe('the job use cases against the local DynamoDB and Scheduler', () => {
  let tableName: string;
  let deps: CreateJobDeps & { runs: DynamoDbRunStore };
  const failing = new Set<string>();
  const scheduleOf = (jobId: string) =>
    scheduler.send(new GetScheduleCommand({ Name: jobId, GroupName: groupName }));
  const quotaCount = async (tenant: string) =>
    (
      await documentClient.send(
        new GetCommand({ TableName: tableName, Key: { PK: `TENANT#${tenant}`, SK: 'QUOTA' } }),
      )
    ).Item?.jobCount;

  beforeAll(async () => {
    tableName = await createJobTable('use-cases');
    await scheduler.send(new CreateScheduleGroupCommand({ Name: groupName }));
    const registry = new EventBridgeScheduleRegistry(scheduler, {
      groupName,
      dispatchQueueArn: 'arn:aws:sqs:us-east-1:000000000000:use-cases-dispatch',
      schedulerRoleArn: 'arn:aws:iam::000000000000:role/use-cases',
    });
    deps = {
      jobs: new DynamoDbJobStore(documentClient, tableName),
      runs: new DynamoDbRunStore(documentClient, tableName, 1),
      schedules: flaky(registry, failing),
      clock: systemClock,
      newJobId: () => ulid(),
      targetPolicy: { insecureHostsAllowed: [], arnAllowlist: [], serviceResourcePrefix: 'Scheduler-' },
      jobQuota: 100,
      rateLimiter: noRateLimits,
      metrics: noMetrics,
    };
  });
  afterAll(async () => {
    await deleteTable(tableName);
    const { Schedules = [] } = await scheduler.send(new ListSchedulesCommand({ GroupName: groupName }));
    expect(Schedules).toEqual([]);
    await scheduler.send(new DeleteScheduleGroupCommand({ Name: groupName }));
  });

  it('creates, updates, pauses and deletes a job with its schedule in step', async () => {
    const { job } = await createJob(deps, 'alice', webhookJob(), 'k-1');
    expect((await scheduleOf(job.jobId)).State).toBe('ENABLED');
    await updateJob(
      deps,
      'alice',
      job.jobId,
      webhookJob({ schedule: { expression: '*/5 * * * *', timezone: 'Europe/Berlin' } }),
      1,
    );
    expect(await scheduleOf(job.jobId)).toMatchObject({
      ScheduleExpression: 'cron(*/5 * * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
    });
    await pauseJob(deps, 'alice', job.jobId, 'holiday');
    expect((await scheduleOf(job.jobId)).State).toBe('DISABLED');
    await deleteJob(deps, 'alice', job.jobId);
    await expect(scheduleOf(job.jobId)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await deps.jobs.get(job.jobId)).toBeUndefined();
    expect(await quotaCount('alice')).toBe(0);
  });

  it('leaves neither job, quota use nor Idempotency-Key behind when CreateSchedule fails', async () => {
    failing.add('create');
    await expect(createJob(deps, 'bob', webhookJob(), 'k-2')).rejects.toThrow(DependencyFailedError);
    expect((await deps.jobs.list('bob', {}, { limit: 10 })).items).toEqual([]);
    expect(await quotaCount('bob')).toBe(0);
    expect(await deps.jobs.getIdempotencyRecord('bob', 'k-2')).toBeUndefined();
    const retried = await createJob(deps, 'bob', webhookJob(), 'k-2');
    expect(retried.created).toBe(true);
    await deleteJob(deps, 'bob', retried.job.jobId);
  });

  it('restores the job when UpdateSchedule fails, so job and schedule still agree', async () => {
    const { job } = await createJob(deps, 'carol', webhookJob());
    failing.add('update');
    await expect(
      updateJob(deps, 'carol', job.jobId, webhookJob({ schedule: { expression: 'rate(7 minutes)' } })),
    ).rejects.toThrow(DependencyFailedError);
    expect(await deps.jobs.get(job.jobId)).toEqual(job);
    expect((await scheduleOf(job.jobId)).ScheduleExpression).toBe('rate(1 minute)');
    await deleteJob(deps, 'carol', job.jobId);
  });

  it('keeps the job when DeleteSchedule fails, so the client can retry the delete', async () => {
    const { job } = await createJob(deps, 'dave', webhookJob());
    failing.add('delete');
    await expect(deleteJob(deps, 'dave', job.jobId)).rejects.toThrow(DependencyFailedError);
    expect(await deps.jobs.get(job.jobId)).toEqual(job);
    expect((await scheduleOf(job.jobId)).State).toBe('ENABLED');
    await deleteJob(deps, 'dave', job.jobId);
  });
});
