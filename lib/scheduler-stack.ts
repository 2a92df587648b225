import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { DEFAULT_RATE_LIMITS } from '../lambdas/domain/rate-limit.js';
import { DispatchQueue } from './dispatch-queue.js';
import { Executor } from './executor.js';
import { JobSchedules } from './job-schedules.js';
import { JobTable } from './job-table.js';
import { type ApiAuth, JobsApi, type TenantRateLimits } from './jobs-api.js';
import { type AlarmThresholds, Monitoring } from './monitoring.js';
import { Reconciler } from './reconciler.js';
import { SERVICE_VERSION } from './version.js';
import { WebhookSigningKeys } from './webhook-signing-keys.js';

export interface SchedulerStackProps extends StackProps {
  /** How API callers authenticate. @default { mode: 'iam' } */
  readonly auth?: ApiAuth;
  /**
   * Hosts HTTP targets may reach over plain http. Production keeps this empty (https only); local
   * development allows loopback so tests can run a webhook receiver.
   * @default []
   */
  readonly httpTargetInsecureHosts?: readonly string[];
  /**
   * ARN patterns (IAM wildcards) that SQS, EventBridge and Lambda targets must match. The API refuses other
   * targets and the executor's IAM policy is scoped to exactly these patterns.
   * @default [] (webhooks only)
   */
  readonly targetArnAllowlist?: readonly string[];
  /** Most jobs one tenant may have. @default 10_000 */
  readonly jobQuotaPerTenant?: number;
  /** Reported by GET /api/health. @default the package version */
  readonly version?: string;
  /** The executor Lambda's timeout; the dispatch queue's visibility timeout is six times it. @default 30 s */
  readonly executorTimeout?: Duration;
  /** Days run history is kept before DynamoDB's TTL removes it. @default 30 */
  readonly runRetentionDays?: number;
  /** CloudWatch namespace of the service's metrics. @default 'ServerlessScheduler' */
  readonly metricsNamespace?: string;
  /** Log level of every function: debug | info | warn | error. @default 'info' */
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** X-Ray active tracing on every function. @default false */
  readonly tracing?: boolean;
  /**
   * Source maps in the Lambda packages and Node's --enable-source-maps: stack traces in TypeScript terms, for
   * ≈ 14 ms more on every cold start. @default false
   */
  readonly sourceMaps?: boolean;
  /** Alarm thresholds; see `AlarmThresholds` for each default. */
  readonly alarmThresholds?: AlarmThresholds;
  /** How often the reconciler repairs schedules and catches up missed fires. @default Duration.minutes(5) */
  readonly reconcileInterval?: Duration;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** What happens to stateful resources when the stack is deleted. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Most executor invocations the dispatch queue's trigger runs at once (2–1000), each a batch of up to 10
   * fires. It bounds the executor's share of the account's Lambda concurrency without reserving any, so it
   * deploys on any account: 50 is 500 fires in flight, 5 % of the default pool of 1,000.
   * @default 50
   */
  readonly executorMaxConcurrency?: number;
  /**
   * Lambda concurrency reserved for the executor alone, so that nothing else can starve it (and it can never
   * exceed it). Reserved concurrency is carved out of the account's pool, which must keep 100 unreserved: on
   * a small account the deployment fails, and the API's share shrinks. Must be at least executorMaxConcurrency.
   * @default none
   */
  readonly executorReservedConcurrency?: number;
  /**
   * Runs one tenant may have in progress at once; a fire over it waits, unattempted, and runs when a slot
   * frees. Below executorMaxConcurrency: an executor's batch lasts as long as its slowest fire, so a tenant at
   * its limit with slow targets can hold that many executors, and must leave the rest to others. Costs two
   * DynamoDB writes per run; 0 switches it off (and with it the isolation).
   * @default 20
   */
  readonly tenantConcurrentRunLimit?: number;
  /** The API stage's throttle, shared by every caller (per-tenant limits are below). @default 100 rps, burst 200 */
  readonly apiThrottle?: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * Requests one tenant may make per window: create (POST /api/jobs), update (PUT, pause, resume) and execute;
   * over it the API answers 429 with Retry-After. @default 600, 600 and 120 per 60 s
   */
  readonly tenantRateLimits?: Partial<TenantRateLimits>;
}

/** Serverless Scheduler: jobs API, job table, schedules, dispatch queue and executor. */
export class SchedulerStack extends Stack {
  /** Every alarm of the service notifies this topic: subscribe your on-call to it. */
  readonly alarmTopic: ITopic;

  constructor(scope: Construct, id: string, props: SchedulerStackProps = {}) {
    super(scope, id, props);
    const metricsNamespace = props.metricsNamespace ?? 'ServerlessScheduler';
    const observability = {
      logLevel: props.logLevel ?? 'info',
      metricsNamespace,
      tracing: props.tracing ?? false,
      sourceMaps: props.sourceMaps ?? false,
    };
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const logRetention = props.logRetention ?? RetentionDays.ONE_MONTH;
    const executorTimeout = props.executorTimeout ?? Duration.seconds(30);
    const httpTargetInsecureHosts = props.httpTargetInsecureHosts ?? [];
    const targetArnAllowlist = props.targetArnAllowlist ?? [];

    const jobTable = new JobTable(this, 'Jobs', { removalPolicy });
    const { table } = jobTable;
    const dispatch = new DispatchQueue(this, 'Dispatch', { executorTimeout, removalPolicy });
    const schedules = new JobSchedules(this, 'Schedules', {
      dispatchQueue: dispatch.queue,
      deadLetterQueue: dispatch.deadLetterQueue,
      removalPolicy,
    });
    const eventBus = new EventBus(this, 'RunEvents', { description: 'Job Run Succeeded / Job Run Failed' });
    const signingKeys = new WebhookSigningKeys(this, 'WebhookSigningKeys', { removalPolicy });
    const executor = new Executor(this, 'Executor', {
      observability,
      jobTable,
      dispatchQueue: dispatch.queue,
      deadLetterQueue: dispatch.deadLetterQueue,
      eventBus,
      signingKeys: signingKeys.secret,
      timeout: executorTimeout,
      httpTargetInsecureHosts,
      targetArnAllowlist,
      runRetentionDays: props.runRetentionDays ?? 30,
      logRetention,
      removalPolicy,
      maxConcurrency: props.executorMaxConcurrency ?? 50,
      ...(props.executorReservedConcurrency === undefined
        ? {}
        : { reservedConcurrency: props.executorReservedConcurrency }),
      tenantRunLimit: props.tenantConcurrentRunLimit ?? 20,
    });
    const api = new JobsApi(this, 'JobsApi', {
      observability,
      auth: props.auth ?? { mode: 'iam' },
      jobTable,
      dispatchQueue: dispatch.queue,
      deadLetterQueue: dispatch.deadLetterQueue,
      schedules,
      httpTargetInsecureHosts,
      targetArnAllowlist,
      jobQuotaPerTenant: props.jobQuotaPerTenant ?? 10_000,
      version: props.version ?? SERVICE_VERSION,
      logRetention,
      removalPolicy,
      throttle: props.apiThrottle ?? { rateLimit: 100, burstLimit: 200 },
      tenantRateLimits: {
        create: DEFAULT_RATE_LIMITS.create.limit,
        update: DEFAULT_RATE_LIMITS.update.limit,
        execute: DEFAULT_RATE_LIMITS.execute.limit,
        windowSeconds: DEFAULT_RATE_LIMITS.create.windowSeconds,
        ...props.tenantRateLimits,
      },
    });

    const reconciler = new Reconciler(this, 'Reconciler', {
      jobTable,
      schedules,
      dispatchQueue: dispatch.queue,
      deadLetterQueue: dispatch.deadLetterQueue,
      ...(props.reconcileInterval ? { interval: props.reconcileInterval } : {}),
      runRetentionDays: props.runRetentionDays ?? 30,
      logRetention,
      removalPolicy,
      observability,
    });
    const monitoring = new Monitoring(this, 'Monitoring', {
      reconcilerFunction: reconciler.function.fn,
      namespace: metricsNamespace,
      dispatchQueue: dispatch.queue,
      deadLetterQueue: dispatch.deadLetterQueue,
      apiFunction: api.function.fn,
      executorFunction: executor.function.fn,
      ...(props.alarmThresholds ? { thresholds: props.alarmThresholds } : {}),
    });
    this.alarmTopic = monitoring.alarmTopic;

    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: monitoring.alarmTopic.topicArn });
    new CfnOutput(this, 'ReconcilerFunctionName', { value: reconciler.function.fn.functionName });
    new CfnOutput(this, 'DashboardName', { value: monitoring.dashboard.dashboardName });
    new CfnOutput(this, 'DispatchQueueUrl', { value: dispatch.queue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: dispatch.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'ScheduleGroupName', { value: schedules.group.scheduleGroupName });
    new CfnOutput(this, 'EventBusName', { value: eventBus.eventBusName });
    new CfnOutput(this, 'SigningSecretArn', { value: signingKeys.secret.secretArn });
  }
}
