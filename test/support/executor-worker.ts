/**
 * An executor PROCESS for the reliability tests (started by worker-process.ts with node --import tsx): it
 * polls the dispatch queue on the local AWS like Lambda's SQS event source and runs each batch through the
 * real executor, until the parent sends `stop` over IPC or its hard timeout passes. With `sabotage`, its
 * target caller SIGKILLs the process just before or just after calling the target, or SIGSTOPs it just after
 * (it carries on, with a stale lease, when the parent sends SIGCONT).
 */
import { DynamoDbRunStore } from '../../lambdas/adapters/dynamodb-run-store.js';
import { SqsQueueControl } from '../../lambdas/adapters/sqs-queue-control.js';
import type { AcquireRunRequest, LockAttempt, TargetCaller } from '../../lambdas/use-cases/ports.js';
import { documentClient } from './local-aws.js';
import { sqs } from './local-queue.js';
import { pollOnce } from './queue-poller.js';
import { fireKey, realExecutor } from './real-executor.js';
import type { WorkerConfig, WorkerToParent } from './worker-process.js';

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;
const send = (message: WorkerToParent) =>
  new Promise<void>((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, undefined, () => resolve());
  });

/** Counts lock requests this process lost: the evidence that the executors really raced. */
class CountingRunStore extends DynamoDbRunStore {
  refused = 0;
  override async acquire(request: AcquireRunRequest): Promise<LockAttempt> {
    const lock = await super.acquire(request);
    if (!lock.acquired) this.refused++;
    return lock;
  }
}

function sabotaged(real: TargetCaller, sabotage: NonNullable<WorkerConfig['sabotage']>): TargetCaller {
  const die = (): Promise<never> => {
    process.kill(process.pid, 'SIGKILL');
    return new Promise<never>(() => {}); // nothing after the kill may run
  };
  return {
    async call(request) {
      if (sabotage === 'kill-before-call') await die();
      const outcome = await real.call(request);
      if (sabotage === 'kill-after-call') await die();
      if (sabotage === 'freeze-after-call') process.kill(process.pid, 'SIGSTOP');
      return outcome;
    },
  };
}

const { sabotage } = config;
const runs = new CountingRunStore(documentClient, config.tableName, 30);
const executor = realExecutor({
  tableName: config.tableName,
  queue: new SqsQueueControl(sqs, config.queueUrl, config.deadLetterQueueUrl),
  runs,
  ...(sabotage ? { wrapTargets: (real: TargetCaller) => sabotaged(real, sabotage) } : {}),
});

let stopping = false;
process.on('message', (message: { type?: string }) => {
  if (message.type === 'stop') stopping = true;
});

const report = { batches: 0, received: 0, keptOnQueue: 0, deletesRefused: [] as string[], errors: 0 };
const hardDeadline = Date.now() + config.hardTimeoutMs;
await send({ type: 'ready' });
while (!stopping && Date.now() < hardDeadline) {
  try {
    const result = await pollOnce(executor.deps, {
      queueUrl: config.queueUrl,
      invocationMs: config.invocationMs,
    });
    if (result.received > 0) report.batches++;
    report.received += result.received;
    report.keptOnQueue += result.keptOnQueue;
    report.deletesRefused.push(...result.deletesRefused);
  } catch (error) {
    report.errors++;
    console.error(`poll failed: ${(error as Error).name}: ${(error as Error).message}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
const finished = executor.events.events.map(
  (event) => `${event.status} ${fireKey(event.jobId, event.runId)}`,
);
await send({ type: 'report', report: { ...report, locksRefused: runs.refused, finished } });
process.exit(0);
