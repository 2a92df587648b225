import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateScheduleGroupCommand,
  DeleteScheduleGroupCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbJobStore } from '../../../lambdas/adapters/dynamodb-job-store.js';
import { DynamoDbReconcilerIndex } from '../../../lambdas/adapters/dynamodb-reconciler-index.js';
import { DynamoDbReconcilerState } from '../../../lambdas/adapters/dynamodb-reconciler-state.js';
import { DynamoDbRunStore } from '../../../lambdas/adapters/dynamodb-run-store.js';
import { EventBridgeScheduleRegistry } from '../../../lambdas/adapters/eventbridge-schedule-registry.js';
import { createJob } from '../../../lambdas/use-cases/create-job.js';
import { deleteJob } from '../../../lambdas/use-cases/delete-job.js';
import { noMetrics, noRateLimits, systemClock } from '../../../lambdas/use-cases/ports.js';
import { reconcile } from '../../../lambdas/use-cases/reconcile.js';
import { pauseJob, updateJob } from '../../../lambdas/use-cases/update-job.js';
import { injectFaults } from '../../support/fault-injection.js';
import { InMemoryDispatchQueue } from '../../support/in-memory-ports.js';
import { createJobTable, deleteTable, documentClient, localAws } from '../../support/local-aws.js';
import { webhookJob } from '../../support/use-case-deps.js';
import { measureDrift } from './drift.js';

const JOBS = 200;
const FAULT_RATE = 0.2;

describe('Scheduler and DynamoDB failing mid-write, then one reconcile', () => {
  const groupName = `faults-${Date.now()}`;
  const options = {
    groupName,
    dispatchQueueArn: 'arn:aws:sqs:us-east-1:000000000000:faults-dispatch',
    schedulerRoleArn: 'arn:aws:iam::000000000000:role/faults',
  };
  let tableName: string;

  beforeAll(async () => {
    tableName = await createJobTable('faults');
    await new SchedulerClient(localAws).send(new CreateScheduleGroupCommand({ Name: groupName }));
  });
  afterAll(async () => {
    const clean = new EventBridgeScheduleRegistry(new SchedulerClient(localAws), options);
    for (let token: string | undefined, first = true; first || token; first = false) {
      const page = await clean.listNames(token);
      await Promise.all(page.names.map((name) => clean.delete(name)));
      token = page.nextToken;
    }
    await new SchedulerClient(localAws).send(new DeleteScheduleGroupCommand({ Name: groupName }));
    await deleteTable(tableName);
  });

  it(`leaves 0 jobs without a schedule, 0 orphans and 0 stale revisions over ${JOBS} jobs with ${FAULT_RATE * 100}% of calls failing`, async () => {
    // GIVEN the API's use cases on clients where 20% of schedule writes and of job writes fail
    const faultyScheduler = new SchedulerClient(localAws);
    const schedulerFaults = injectFaults(faultyScheduler, {
      operations: ['CreateScheduleCommand', 'UpdateScheduleCommand', 'DeleteScheduleCommand'],
      rate: FAULT_RATE,
      seed: 7,
    });
    const faultyDynamo = new DynamoDBClient(localAws);
    const dynamoFaults = injectFaults(faultyDynamo, {
      operations: ['TransactWriteItemsCommand', 'PutItemCommand'],
      rate: FAULT_RATE,
      errorName: 'ProvisionedThroughputExceededException',
      seed: 11,
    });
    const deps = {
      jobs: new DynamoDbJobStore(DynamoDBDocumentClient.from(faultyDynamo), tableName),
      runs: new DynamoDbRunStore(DynamoDBDocumentClient.from(faultyDynamo), tableName, 1),
      schedules: new EventBridgeScheduleRegistry(faultyScheduler, options),
      clock: systemClock,
      newJobId: () => ulid(),
      targetPolicy: { insecureHostsAllowed: [], arnAllowlist: [], serviceResourcePrefix: 'Scheduler-' },
      jobQuota: 10_000,
      rateLimiter: noRateLimits,
      metrics: noMetrics,
      // Marks go through the faulty client too: a lost mark is left to the name comparison and deep pass.
      repairs: new DynamoDbReconcilerIndex(DynamoDBDocumentClient.from(faultyDynamo), tableName),
    };
    const outcomes = { ok: 0, failed: 0 };
    const attempt = async (operation: () => Promise<unknown>) => {
      try {
        await operation();
        outcomes.ok++;
      } catch {
        outcomes.failed++; // the client got an error; it may or may not retry
      }
    };
    const started = Date.now();
    // WHEN jobs are created, updated, paused and deleted through it
    for (let n = 0; n < JOBS; n += 10) {
      await Promise.all(
        Array.from({ length: 10 }, (_, k) =>
          attempt(() =>
            createJob(
              deps,
              'tenant',
              webhookJob({
                name: `job-${n + k}`,
                schedule: { expression: (n + k) % 2 ? 'rate(1 hour)' : '0 3 * * *' },
              }),
            ),
          ),
        ),
      );
    }
    const reader = new DynamoDbJobStore(documentClient, tableName);
    const created = (await reader.scan({ limit: 1000 })).items;
    for (const [index, job] of created.entries()) {
      if (index % 2 === 0)
        await attempt(() =>
          updateJob(
            deps,
            'tenant',
            job.jobId,
            webhookJob({ name: job.name, schedule: { expression: 'rate(2 hours)' } }),
          ),
        );
      if (index % 4 === 1) await attempt(() => pauseJob(deps, 'tenant', job.jobId, 'faults'));
      if (index % 8 === 3) await attempt(() => deleteJob(deps, 'tenant', job.jobId));
    }
    const registry = new EventBridgeScheduleRegistry(new SchedulerClient(localAws), options);
    const before = await measureDrift(reader, registry);

    // THEN on healthy clients, the repair marks and the name comparison (no pass over every job) leave no job
    // without a schedule and no orphan; one deep pass after them leaves no drift at all
    const reconcileDeps = {
      jobs: reader,
      runs: new DynamoDbRunStore(documentClient, tableName, 1),
      schedules: registry,
      dispatch: new InMemoryDispatchQueue(),
      state: new DynamoDbReconcilerState(documentClient, tableName),
      index: new DynamoDbReconcilerIndex(documentClient, tableName),
      clock: systemClock,
      metrics: noMetrics,
    };
    const run = { remainingMs: () => 600_000, schedulerRequestsPerSecond: 200 };
    // The jobs were written moments ago: let the name comparison treat them as settled.
    const settled = { nowMs: () => Date.now() + 120_000 };
    const report = await reconcile({ ...reconcileDeps, clock: settled }, { ...run, deepChecksPerRun: 0 });
    const afterNames = await measureDrift(reader, registry);
    const deep = await reconcile(reconcileDeps, { ...run, deepChecksPerRun: 2 * JOBS });
    const after = await measureDrift(reader, registry);
    console.log(
      JSON.stringify({
        figure: 'scheduler faults',
        jobs: JOBS,
        operations: outcomes.ok + outcomes.failed,
        failedOperations: outcomes.failed,
        injected: {
          scheduler: Object.fromEntries(schedulerFaults.injected),
          dynamodb: Object.fromEntries(dynamoFaults.injected),
        },
        driftBefore: before,
        repairs: report,
        driftAfterMarksAndNames: afterNames,
        deepRepairs: deep,
        driftAfter: after,
        seconds: (Date.now() - started) / 1000,
      }),
    );
    expect(outcomes.failed).toBeGreaterThan(0);
    expect(before.missing + before.staleRevision + before.wrongState + before.orphans).toBeGreaterThan(0);
    expect(report.namePassCompleted).toBe(true);
    expect(afterNames).toMatchObject({ missing: 0, orphans: 0 });
    expect(deep.deepPassCompleted).toBe(true);
    expect(after).toMatchObject({ missing: 0, staleRevision: 0, wrongState: 0, orphans: 0 });
  });
});
