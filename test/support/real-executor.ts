import { ulid } from 'ulid';
import { DynamoDbJobStore } from '../../lambdas/adapters/dynamodb-job-store.js';
import { DynamoDbRunStore } from '../../lambdas/adapters/dynamodb-run-store.js';
import { targetCaller } from '../../lambdas/adapters/target-caller.js';
import { SCHEDULED_TIME_PLACEHOLDER } from '../../lambdas/domain/fire-message.js';
import type { Job } from '../../lambdas/domain/job.js';
import type { RetryPolicy } from '../../lambdas/domain/retry-policy.js';
import { INITIAL_GENERATIONS } from '../../lambdas/domain/signing-rotation.js';
import { tenantSigningSecrets } from '../../lambdas/domain/tenant-signing-secret.js';
import type { DispatchQueueControl, ExecutorDeps } from '../../lambdas/handlers/executor-batch.js';
import { noMetrics, systemClock, type TargetCaller } from '../../lambdas/use-cases/ports.js';
import { RecordingRunEvents } from './in-memory-ports.js';
import { documentClient } from './local-aws.js';
import { openTargetPolicy } from './target-policies.js';
import { RECEIVER_HOSTS } from './webhook-receiver.js';

/** The master key the real executor's webhook secrets are derived from in these tests. */
export const SIGNING_MASTER_KEY = 'reliability-signing-master-key-of-at-least-32-characters';
export const TENANT = 'reliability';
/** Where the jobs' rate(1 minute) schedules start: a day back, so every fire used in a test is in the past. */
const ANCHOR_MS = Math.floor(Date.now() / 60_000) * 60_000 - 86_400_000;

export interface RealExecutor {
  readonly deps: ExecutorDeps;
  readonly jobs: DynamoDbJobStore;
  readonly runs: DynamoDbRunStore;
  readonly events: RecordingRunEvents;
}

/**
 * The executor as the Lambda wires it, against a test table on the local AWS: the real job and run stores,
 * the real target caller (webhooks to 127.0.0.1 allowed, signed with secrets derived from a fixed master key), the given queue control,
 * and run events recorded in memory. `wrapTargets` may put a decorator around the real caller.
 */
export function realExecutor(options: {
  tableName: string;
  queue: DispatchQueueControl;
  runs?: DynamoDbRunStore;
  wrapTargets?: (real: TargetCaller) => TargetCaller;
}): RealExecutor {
  const jobs = new DynamoDbJobStore(documentClient, options.tableName);
  const runs = options.runs ?? new DynamoDbRunStore(documentClient, options.tableName, 30);
  const events = new RecordingRunEvents();
  const real = targetCaller({
    allowedHosts: RECEIVER_HOSTS,
    signingSecrets: async (tenant) => tenantSigningSecrets(SIGNING_MASTER_KEY, tenant, INITIAL_GENERATIONS),
  });
  const targets = options.wrapTargets ? options.wrapTargets(real) : real;
  return {
    deps: {
      jobs,
      runs,
      targets,
      targetPolicy: openTargetPolicy,
      events,
      queue: options.queue,
      clock: systemClock,
      metrics: noMetrics,
    },
    jobs,
    runs,
    events,
  };
}

/** An active webhook job on a rate(1 minute) schedule, as the API would store it. */
export function webhookJob(options: {
  url: string;
  retryPolicy?: Partial<RetryPolicy>;
  timeoutSeconds?: number;
}): Job {
  const now = new Date().toISOString();
  return {
    jobId: ulid(),
    tenant: TENANT,
    name: 'reliability',
    schedule: { expression: 'rate(1 minute)', timezone: 'UTC' },
    target: {
      type: 'http',
      url: options.url,
      method: 'POST',
      headers: {},
      timeoutSeconds: options.timeoutSeconds ?? 5,
    },
    payload: { check: 'reliability' },
    retryPolicy: {
      maxAttempts: 3,
      initialDelaySeconds: 1,
      maxDelaySeconds: 60,
      multiplier: 2,
      ...options.retryPolicy,
    },
    overlap: 'allow',
    status: 'ACTIVE',
    revision: 1,
    createdAt: now,
    updatedAt: now,
    scheduleAnchorAt: new Date(ANCHOR_MS).toISOString(),
  };
}

/** The scheduled time of the job's `index`-th fire (from 1), as EventBridge Scheduler substitutes it. */
export function fireTime(index: number): string {
  return new Date(ANCHOR_MS + index * 60_000).toISOString();
}

/** The dispatch message of one fire, with its scheduled time substituted (so its run id is known). */
export function fireBody(job: Job, scheduledTime: string = SCHEDULED_TIME_PLACEHOLDER): string {
  return JSON.stringify({ jobId: job.jobId, tenant: job.tenant, revision: job.revision, scheduledTime });
}

/** The Idempotency-Key (and event key) of one fire. */
export const fireKey = (jobId: string, runId: string) => `${jobId}/${runId}`;
