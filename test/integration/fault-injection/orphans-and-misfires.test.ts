import {
  CreateScheduleGroupCommand,
  DeleteScheduleGroupCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbJobStore } from '../../../lambdas/adapters/dynamodb-job-store.js';
import { DynamoDbReconcilerState } from '../../../lambdas/adapters/dynamodb-reconciler-state.js';
import { DynamoDbRunStore } from '../../../lambdas/adapters/dynamodb-run-store.js';
import { EventBridgeScheduleRegistry } from '../../../lambdas/adapters/eventbridge-schedule-registry.js';
import { SqsDispatchQueue } from '../../../lambdas/adapters/sqs-dispatch-queue.js';
import type { Job } from '../../../lambdas/domain/job.js';
import { noMetrics, systemClock } from '../../../lambdas/use-cases/ports.js';
import { type ReconcileDeps, reconcile } from '../../../lambdas/use-cases/reconcile.js';
import { createJobTable, deleteTable, documentClient, localAws } from '../../support/local-aws.js';

const HOUR = 3_600_000;

/** A job as the API would have stored it, created `hoursAgo` hours ago with rate(1 hour). */
function hourlyJob(hoursAgo: number, misfirePolicy: 'fire_once' | 'skip'): Job {
  const createdAt = new Date(Date.now() - hoursAgo * HOUR - 60_000).toISOString();
  return {
    jobId: ulid(),
    tenant: 'tenant',
    name: `hourly ${misfirePolicy}`,
    schedule: { expression: 'rate(1 hour)', timezone: 'UTC' },
    target: { type: 'http', url: 'https://example.com/hook', method: 'POST', headers: {}, timeoutSeconds: 5 },
    retryPolicy: { maxAttempts: 3, initialDelaySeconds: 10, maxDelaySeconds: 300, multiplier: 2 },
    overlap: 'allow',
    misfirePolicy,
    status: 'ACTIVE',
    revision: 1,
    createdAt,
    updatedAt: createdAt,
    scheduleAnchorAt: createdAt,
    // It last ran at creation; its next run, an hour later, never came.
    nextRunAt: new Date(Date.parse(createdAt) + HOUR).toISOString(),
  };
}

describe('the reconciler against the local AWS', () => {
  const scheduler = new SchedulerClient(localAws);
  const sqs = new SQSClient(localAws);
  const groupName = `reconcile-${Date.now()}`;
  let tableName: string;
  let queueUrl: string;
  let deps: ReconcileDeps;
  let registry: EventBridgeScheduleRegistry;

  beforeAll(async () => {
    tableName = await createJobTable('reconcile');
    await scheduler.send(new CreateScheduleGroupCommand({ Name: groupName }));
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: groupName }))).QueueUrl ?? '';
    registry = new EventBridgeScheduleRegistry(scheduler, {
      groupName,
      dispatchQueueArn: `arn:aws:sqs:us-east-1:000000000000:${groupName}`,
      schedulerRoleArn: 'arn:aws:iam::000000000000:role/reconcile',
    });
    deps = {
      jobs: new DynamoDbJobStore(documentClient, tableName),
      runs: new DynamoDbRunStore(documentClient, tableName, 1),
      schedules: registry,
      dispatch: new SqsDispatchQueue(sqs, queueUrl),
      state: new DynamoDbReconcilerState(documentClient, tableName),
      clock: systemClock,
      metrics: noMetrics,
    };
  });
  afterAll(async () => {
    for (let token: string | undefined, first = true; first || token; first = false) {
      const page = await registry.listNames(token);
      await Promise.all(page.names.map((name) => registry.delete(name)));
      token = page.nextToken;
    }
    await scheduler.send(new DeleteScheduleGroupCommand({ Name: groupName }));
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    await deleteTable(tableName);
  });

  it('catches a job whose schedule was deleted behind its back up once under fire_once, not under skip', async () => {
    const once = hourlyJob(2, 'fire_once');
    const skip = hourlyJob(2, 'skip');
    for (const job of [once, skip]) await deps.jobs.create(job, { quota: 100 });

    const report = await reconcile(deps, { remainingMs: () => 600_000 });
    const again = await reconcile(deps, { remainingMs: () => 600_000 });

    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    const fires = Messages.map((message) => JSON.parse(message.Body ?? '{}'));
    console.log(JSON.stringify({ figure: 'missed runs', report, again, catchUpFires: fires.length }));
    expect(fires).toEqual([
      expect.objectContaining({
        jobId: once.jobId,
        catchUp: true,
        scheduledTime: new Date(Date.parse(once.createdAt) + 2 * HOUR).toISOString(),
      }),
    ]);
    expect(report).toMatchObject({ created: 2, caughtUp: 1, missedSkipped: 1 });
    expect(again).toMatchObject({ created: 0, caughtUp: 0, missedSkipped: 0 });
    const skipped = await deps.runs.get(
      skip.jobId,
      new Date(Date.parse(skip.createdAt) + 2 * HOUR).toISOString(),
    );
    expect(skipped).toMatchObject({ status: 'SKIPPED', skipReason: 'missed' });
    for (const job of [once, skip]) {
      expect(Date.parse((await deps.jobs.get(job.jobId))?.nextRunAt ?? '')).toBeGreaterThan(Date.now());
      expect(await registry.describe(job.jobId)).toMatchObject({
        expression: 'rate(1 hour)',
        enabled: true,
        revision: 1,
      });
    }
  });

  it('deletes schedules that have no job, and keeps those that do', async () => {
    const strays = Array.from({ length: 10 }, () => ulid());
    for (const jobId of strays) {
      await registry.create({
        jobId,
        tenant: 'gone',
        revision: 1,
        expression: 'rate(1 hour)',
        timezone: 'UTC',
        oneTime: false,
        enabled: true,
      });
    }
    const report = await reconcile(deps, { remainingMs: () => 600_000 });
    expect(report.deleted).toBe(10);
    const names = (await registry.listNames()).names;
    for (const jobId of strays) expect(names).not.toContain(jobId);
    expect(names).toHaveLength(2);
  });

  it('resumes after being interrupted mid-way: the next run finishes the cycle', async () => {
    const jobs = Array.from({ length: 30 }, () => hourlyJob(0, 'fire_once'));
    for (const job of jobs)
      await deps.jobs.create(
        { ...job, nextRunAt: new Date(Date.now() + HOUR).toISOString() },
        { quota: 100 },
      );
    let pages = 2;
    const interrupted = await reconcile(deps, {
      pageSize: 8,
      remainingMs: () => (pages-- > 0 ? 600_000 : 0),
    });
    expect(interrupted).toMatchObject({ cycleCompleted: false, jobsChecked: 16 });
    expect(await deps.state.load()).toMatchObject({ phase: 'jobs', jobsCursor: expect.any(String) });
    const resumed = await reconcile(deps, { pageSize: 8, remainingMs: () => 600_000 });
    console.log(JSON.stringify({ figure: 'interrupted reconcile', interrupted, resumed }));
    expect(resumed.cycleCompleted).toBe(true);
    expect(interrupted.jobsChecked + resumed.jobsChecked).toBe(32);
    expect(interrupted.created + resumed.created).toBe(30);
    expect(await deps.state.load()).toBeUndefined();
  });
});
