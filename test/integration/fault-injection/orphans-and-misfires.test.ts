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
import { DynamoDbReconcilerIndex } from '../../../lambdas/adapters/dynamodb-reconciler-index.js';
import { DynamoDbReconcilerState } from '../../../lambdas/adapters/dynamodb-reconciler-state.js';
import { DynamoDbRunStore } from '../../../lambdas/adapters/dynamodb-run-store.js';
import { EventBridgeScheduleRegistry } from '../../../lambdas/adapters/eventbridge-schedule-registry.js';
import { SqsDispatchQueue } from '../../../lambdas/adapters/sqs-dispatch-queue.js';
import type { Job } from '../../../lambdas/domain/job.js';
import { noMetrics, systemClock } from '../../../lambdas/use-cases/ports.js';
import {
  type ReconcileDeps,
  type ReconcileOptions,
  reconcile,
} from '../../../lambdas/use-cases/reconcile.js';
import { createJobTable, deleteTable, documentClient, localAws } from '../../support/local-aws.js';

const HOUR = 3_600_000;
/** Only the due pass, the repair marks and the name comparison: no deep pass over every job. */
const NO_FULL_PASS: ReconcileOptions = { remainingMs: () => 600_000, deepChecksPerRun: 0 };

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
      index: new DynamoDbReconcilerIndex(documentClient, tableName),
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

  it('finds missed fires from the due index alone (no full pass) and catches up once under fire_once, not under skip', async () => {
    const once = hourlyJob(2, 'fire_once');
    const skip = hourlyJob(2, 'skip');
    for (const job of [once, skip]) await deps.jobs.create(job, { quota: 100 });

    // The name comparison is not due for 100 hours: only the due index can find these two.
    await deps.state.save({ namesLastStartedAtMs: Date.now() });
    const report = await reconcile(deps, { ...NO_FULL_PASS, namePassEveryMs: 100 * HOUR });
    const again = await reconcile(deps, { ...NO_FULL_PASS, namePassEveryMs: 100 * HOUR });

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
    expect(report).toMatchObject({
      created: 2,
      caughtUp: 1,
      missedSkipped: 1,
      dueJobsChecked: 2,
      deepChecked: 0,
    });
    expect(report.prefixesCompared).toBe(0);
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

  it('finds a schedule deleted behind the service’s back by comparing names, with one GetSchedule in all', async () => {
    // A daily job, not due for hours: no missed fire to find it by.
    const daily = {
      ...hourlyJob(0, 'fire_once'),
      name: 'daily',
      schedule: { expression: 'cron(0 3 * * ? *)', timezone: 'UTC' },
      nextRunAt: new Date(Date.now() + 12 * HOUR).toISOString(),
    };
    await deps.jobs.create(daily, { quota: 100 });
    const report = await reconcile(deps, { ...NO_FULL_PASS, namePassEveryMs: 0 });
    console.log(JSON.stringify({ figure: 'name comparison', report }));
    expect(report).toMatchObject({ created: 1, namePassCompleted: true, deepChecked: 0 });
    expect(report.schedulerCalls.GetSchedule).toBe(1);
    expect(await registry.describe(daily.jobId)).toMatchObject({
      expression: 'cron(0 3 * * ? *)',
      revision: 1,
    });
  });

  it('repairs a job marked when its schedule write failed, first, and clears the mark', async () => {
    const marked = {
      ...hourlyJob(0, 'fire_once'),
      name: 'marked',
      nextRunAt: new Date(Date.now() + HOUR).toISOString(),
    };
    await deps.jobs.create(marked, { quota: 100 });
    await deps.index.mark(marked.jobId, 'TimeoutError');
    expect(await deps.index.marked(10)).toEqual([marked.jobId]);
    const report = await reconcile(deps, { ...NO_FULL_PASS, namePassEveryMs: 100 * HOUR });
    expect(report).toMatchObject({ marksRepaired: 1, created: 1 });
    expect(await registry.describe(marked.jobId)).toMatchObject({ revision: 1, enabled: true });
    expect(await deps.index.marked(10)).toEqual([]);
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
    const report = await reconcile(deps, { ...NO_FULL_PASS, namePassEveryMs: 0 });
    expect(report.deleted).toBe(10);
    expect(report.schedulerCalls.GetSchedule).toBe(0);
    const names = (await registry.listNames()).names;
    for (const jobId of strays) expect(names).not.toContain(jobId);
    expect(names).toHaveLength(4);
  });

  it('keeps to its Scheduler budget: a short one leaves work for the next run, says so, and never fails', async () => {
    const strays = Array.from({ length: 20 }, () => ulid());
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
    // 4 requests a second (a 10 s burst of 40, then 4 a second), and 3 s of work before the 10 s reserve:
    // about 52 calls, fewer than the work (a prefix per name, each split 65 ways).
    const startedAt = Date.now();
    const short = await reconcile(deps, {
      ...NO_FULL_PASS,
      namePassEveryMs: 0,
      nameChunk: 1,
      schedulerRequestsPerSecond: 4,
      remainingMs: () => 13_000 - (Date.now() - startedAt),
    });
    const seconds = (Date.now() - startedAt) / 1000;
    const rest = await reconcile(deps, { ...NO_FULL_PASS, schedulerRequestsPerSecond: 50 });
    console.log(JSON.stringify({ figure: 'scheduler budget', short, seconds, rest }));
    const calls = Object.values(short.schedulerCalls).reduce((sum, n) => sum + n, 0);
    expect(short.budgetShort).toBe(true);
    expect(short.budgetWaitMs).toBeGreaterThan(0);
    // The burst, the rate over the time taken, and a batch of 8 already in flight.
    expect(calls).toBeLessThanOrEqual(40 + 4 * seconds + 8);
    expect(short.deleted + rest.deleted).toBe(20);
    const names = new Set((await registry.listNames()).names);
    for (const jobId of strays) expect(names.has(jobId)).toBe(false);
  });
});
