import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { ulid } from 'ulid';
import { DynamoDbJobStore } from '../../lambdas/adapters/dynamodb-job-store.js';
import { DynamoDbRunStore } from '../../lambdas/adapters/dynamodb-run-store.js';
import { EventBridgeScheduleRegistry } from '../../lambdas/adapters/eventbridge-schedule-registry.js';
import type { Job } from '../../lambdas/domain/job.js';
import { parseSchedule } from '../../lambdas/domain/schedule.js';
import { scheduleSpecOf } from '../../lambdas/use-cases/job-schedule.js';
import { noMetrics, systemClock } from '../../lambdas/use-cases/ports.js';
import type { ReconcileReport } from '../../lambdas/use-cases/reconcile.js';
import { localStackOutputs } from '../../localstack/client-token.js';
import { ApiClient } from '../support/api-client.js';
import { injectFaults } from '../support/fault-injection.js';
import { InMemoryDispatchQueue } from '../support/in-memory-ports.js';
import { documentClient, localAws } from '../support/local-aws.js';
import { type ReconcilerCursor, reconcile as reconcileBefore } from './baseline-reconcile.js';

/**
 * The reconciler on the deployed local stack at 5,000 jobs: the deployed function invoked as its rule would
 * (a name comparison, then steady minutes), against the design before issue 12 run in process on the same
 * table and schedule group (its Scheduler calls counted on the client). A fire is dropped (a job's next run
 * set 30 s ahead while its schedule fires only on 1 January) and the time to its catch-up is measured.
 * The jobs are written straight to the table and the group (the API's rate limits would make 5,000 take an
 * hour) and removed afterwards.
 */
const JOBS = Number(process.env.BENCH_LOCAL_JOBS ?? 5_000);
const MINUTE = 60_000;
const WRITERS = 16;

async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<void> {
  for (let n = 0; n < items.length; n += WRITERS) await Promise.all(items.slice(n, n + WRITERS).map(work));
}

export async function reconcilerLocalFigures(): Promise<string[]> {
  const outputs = localStackOutputs();
  const api = await ApiClient.forTenant('alpha');
  const scheduler = new SchedulerClient(localAws);
  const lambda = new LambdaClient(localAws);
  const jobs = new DynamoDbJobStore(documentClient, outputs.TableName ?? '');
  // One job through the API: the template, and the schedule's target to copy (queue, role, dead letters).
  const seed = await api.request<{ id: string }>('POST', '/api/jobs', {
    name: 'scale seed',
    schedule: { expression: 'cron(0 4 1 1 ? *)' },
    target: { type: 'http', url: 'http://127.0.0.1:40009/never' },
  });
  if (seed.status !== 201)
    throw new Error(`creating the seed job answered ${seed.status}: ${JSON.stringify(seed.body)}`);
  const template = (await jobs.get(seed.body.id)) as Job;
  const registered = await scheduler.send(
    new GetScheduleCommand({ Name: seed.body.id, GroupName: outputs.ScheduleGroupName }),
  );
  const registry = new EventBridgeScheduleRegistry(scheduler, {
    groupName: outputs.ScheduleGroupName ?? '',
    dispatchQueueArn: registered.Target?.Arn ?? '',
    schedulerRoleArn: registered.Target?.RoleArn ?? '',
    ...(registered.Target?.DeadLetterConfig?.Arn
      ? { deadLetterQueueArn: registered.Target.DeadLetterConfig.Arn }
      : {}),
  });
  const made: Job[] = Array.from({ length: JOBS }, (_, n) => ({
    ...template,
    jobId: ulid(),
    name: `scale ${n}`,
  }));
  const lines: string[] = [];
  let startedAt = Date.now();
  try {
    await inParallel(made, async (job) => {
      await jobs.create(job, { quota: 1_000_000 });
      await registry.create(scheduleSpecOf(job, parseSchedule(job.schedule)));
    });
    lines.push(
      `${JOBS} jobs written (job + schedule each) in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`,
    );

    const invoke = async (payload: object) => {
      const at = Date.now();
      const result = await lambda.send(
        new InvokeCommand({
          FunctionName: outputs.ReconcilerFunctionName,
          Payload: new TextEncoder().encode(JSON.stringify(payload)),
        }),
      );
      if (result.FunctionError)
        throw new Error(`reconciler failed: ${new TextDecoder().decode(result.Payload)}`);
      return {
        report: JSON.parse(new TextDecoder().decode(result.Payload)) as ReconcileReport,
        ms: Date.now() - at,
      };
    };
    const calls = (report: ReconcileReport) =>
      Object.values(report.schedulerCalls).reduce((sum, n) => sum + n, 0);
    // Deep passes first, until the walk has been round once, so the steady minute below is steady.
    const names = await invoke({ namePass: 'now' });
    lines.push(
      `now, a run with a name comparison: ${calls(names.report)} Scheduler calls (${JSON.stringify(names.report.schedulerCalls)}), ` +
        `${names.report.namesCompared} ids and names compared in ${names.report.prefixesCompared} prefixes, ${(names.ms / 1000).toFixed(1)} s`,
    );
    const steady = await invoke({});
    lines.push(
      `now, the next minute (due pass, ${steady.report.deepChecked} deep checks, ${steady.report.prefixesCompared} more prefixes): ` +
        `${calls(steady.report)} Scheduler calls, ${(steady.ms / 1000).toFixed(1)} s${steady.report.budgetShort ? ' (time ran short: work left for the next run)' : ''}`,
    );
    lines.push(
      `now, per hour if every run were like these two (the first once, the second 59 times; a name comparison ` +
        `still going counts in both): about ${calls(names.report) + 59 * calls(steady.report)} Scheduler calls, ` +
        `${((names.ms + 59 * steady.ms) / 1000).toFixed(0)} Lambda s`,
    );

    // Before: one whole cycle in process, its Scheduler calls counted on its client.
    const counted = new SchedulerClient(localAws);
    const counter = injectFaults(counted, {
      operations: ['GetScheduleCommand', 'ListSchedulesCommand'],
      rate: 0,
    });
    const before = new EventBridgeScheduleRegistry(counted, {
      groupName: outputs.ScheduleGroupName ?? '',
      dispatchQueueArn: registered.Target?.Arn ?? '',
      schedulerRoleArn: registered.Target?.RoleArn ?? '',
    });
    let cursor: ReconcilerCursor | undefined;
    startedAt = Date.now();
    let cycle = false;
    for (let runs = 0; runs < 50 && !cycle; runs++) {
      const report = await reconcileBefore(
        {
          jobs,
          runs: new DynamoDbRunStore(documentClient, outputs.TableName ?? '', 1),
          schedules: before,
          dispatch: new InMemoryDispatchQueue(),
          state: {
            load: async () => cursor,
            save: async (next) => {
              cursor = next;
            },
          },
          clock: systemClock,
          metrics: noMetrics,
        },
        { remainingMs: () => 600_000 },
      );
      cycle = report.cycleCompleted;
    }
    const cycleSeconds = (Date.now() - startedAt) / 1000;
    const beforeCalls = [...counter.passed.values()].reduce((sum, n) => sum + n, 0);
    lines.push(
      `before, one 5-minute cycle (in process): ${beforeCalls} Scheduler calls (${JSON.stringify(Object.fromEntries(counter.passed))}), ${cycleSeconds.toFixed(1)} s; ` +
        `per hour (12 cycles): ${12 * beforeCalls} calls, ${(12 * cycleSeconds).toFixed(0)} s`,
    );
    lines.push(
      `ratio of Scheduler calls per hour, now / before: ${((calls(names.report) + 59 * calls(steady.report)) / (12 * beforeCalls)).toFixed(3)}`,
    );

    // A dropped fire: the next run set 30 s ahead, where no fire will come (the schedule fires on 1 January).
    const dropped = made[Math.floor(JOBS / 2)] as Job;
    const dueAt = Date.now() + 30_000;
    await jobs.setNextRunAt(dropped.jobId, dropped.revision, new Date(dueAt).toISOString());
    let foundAt: number | undefined;
    for (let minute = 0; minute < 8 && foundAt === undefined; minute++) {
      const nextInvokeAt = Date.now() + MINUTE;
      await invoke({}); // as the rule does every minute (a run the rule starts meanwhile is harmless)
      while (Date.now() < nextInvokeAt && foundAt === undefined) {
        const now = await jobs.get(dropped.jobId);
        if (now?.nextRunAt && Date.parse(now.nextRunAt) > dueAt) foundAt = Date.now();
        else await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
    lines.push(
      foundAt === undefined
        ? 'dropped fire: not caught up within 8 minutes'
        : `dropped fire caught up ${((foundAt - dueAt) / MINUTE).toFixed(1)} min after it was due (missedFireAfter 3 min)`,
    );
  } finally {
    await inParallel(made, async (job) => {
      await registry.delete(job.jobId).catch(() => undefined);
      await jobs.delete(job, job.revision).catch(() => undefined);
    });
    await api.cleanup();
  }
  return lines;
}
