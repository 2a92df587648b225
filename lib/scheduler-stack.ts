import { Aspects, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { DEFAULT_HTTP_TARGET_PORTS } from '../lambdas/domain/http-reach.js';
import { DEFAULT_RATE_LIMITS } from '../lambdas/domain/rate-limit.js';
import { ENV_DEFAULTS } from '../lambdas/environment.js';
import { DeadLetterSorter } from './dead-letter-sorter.js';
import { DispatchQueue } from './dispatch-queue.js';
import { Executor } from './executor.js';
import { checkHttpTargetReach } from './http-target-reach.js';
import { JobSchedules } from './job-schedules.js';
import { JobTable } from './job-table.js';
import { type ApiAuth, JobsApi, type TenantRateLimits } from './jobs-api.js';
import { type ConsoleSignIn, JobsConsole } from './jobs-console.js';
import { type AlarmThresholds, Monitoring } from './monitoring.js';
import { Reconciler } from './reconciler.js';
import {
  checkResourceNamePrefix,
  nameServiceResources,
  ServiceResourceNamesCheck,
} from './service-resource-names.js';
import { checkTenantAllowlistKeys } from './tenant-allowlist-keys.js';
import { SERVICE_VERSION } from './version.js';
import { WebhookMasterKey } from './webhook-master-key.js';

export interface SchedulerStackProps extends StackProps {
  /** How API callers authenticate. @default { mode: 'iam' } */
  readonly auth?: ApiAuth;
  /**
   * Hosts HTTP targets may reach over plain http and at internal addresses, each `host`, `host:port` or
   * `host:low-high` (IPv6 in brackets: `[::1]:32768-60999`); a listed host may be called on its ports only
   * (without ports: those of `httpTargetPorts`). Production keeps this empty (https to public addresses
   * only); local development allows loopback on the ephemeral ports test receivers bind.
   * @default []
   */
  readonly httpTargetInsecureHosts?: readonly string[];
  /** The ports HTTP targets may use, checked at create and again at call time. @default [443, 80] */
  readonly httpTargetPorts?: readonly number[];
  /**
   * ARN patterns (IAM wildcards) that SQS, EventBridge and Lambda targets must match. The API refuses other
   * targets and the executor's IAM policy is scoped to exactly these patterns.
   * @default [] (webhooks only)
   */
  readonly targetArnAllowlist?: readonly string[];
  /**
   * Per-tenant ARN patterns (tenant id → patterns), used instead of `targetArnAllowlist` for the tenants
   * listed; the executor's IAM policy allows the union of every list. @default {} (everyone gets the fallback)
   */
  readonly tenantTargetArnAllowlists?: Readonly<Record<string, readonly string[]>>;
  /**
   * Prefix of the name of every queue, function and event bus of the stack; no job may target a resource
   * whose name starts with it. @default `<stack name>-`
   */
  readonly resourceNamePrefix?: string;
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
  /** How often the reconciler repairs schedules and catches up missed fires. @default Duration.minutes(1) */
  readonly reconcileInterval?: Duration;
  /** Scheduler requests per second the reconciler's calls share, out of the account's quota. @default 10 */
  readonly reconcilerSchedulerRequestsPerSecond?: number;
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
  /**
   * IAM role ARNs of the operators who move dead letters between the DLQ and the quarantine queue
   * (`aws sqs start-message-move-task`): every other principal is denied sending to those queues, whatever its
   * own policies allow. @default [] (then only the service sends to them)
   */
  readonly operatorRoleArns?: readonly string[];
  /**
   * The web console at `<api>/console`, for token auth modes (a browser holds no SigV4 identity, so IAM mode
   * has none). `tokenUrl`: where the console exchanges a tenant's client id and secret (Cognito mode).
   * @default enabled in jwt and cognito modes, with the pool's token endpoint in cognito mode
   */
  readonly console?: { readonly enabled?: boolean; readonly tokenUrl?: string };
}

/** Serverless Scheduler: jobs API, job table, schedules, dispatch queue and executor. */
export class SchedulerStack extends Stack {
  /** Every alarm of the service notifies this topic: subscribe your on-call to it. */
  readonly alarmTopic: ITopic;

  constructor(scope: Construct, id: string, props: SchedulerStackProps = {}) {
    super(scope, id, props);
    const metricsNamespace = props.metricsNamespace ?? ENV_DEFAULTS.METRICS_NAMESPACE;
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
    const httpTargetPorts = props.httpTargetPorts ?? DEFAULT_HTTP_TARGET_PORTS;
    checkHttpTargetReach(httpTargetPorts, httpTargetInsecureHosts);
    const serviceResourcePrefix = checkResourceNamePrefix(props.resourceNamePrefix ?? `${this.stackName}-`);
    checkTenantAllowlistKeys(props.auth ?? { mode: 'iam' }, props.tenantTargetArnAllowlists ?? {});
    const targetAllowlists = {
      targetArnAllowlist: props.targetArnAllowlist ?? [],
      tenantTargetArnAllowlists: props.tenantTargetArnAllowlists ?? {},
      serviceResourcePrefix,
    };

    const jobTable = new JobTable(this, 'Jobs', { removalPolicy });
    const { table } = jobTable;
    const dispatch = new DispatchQueue(this, 'Dispatch', { executorTimeout, removalPolicy });
    const schedules = new JobSchedules(this, 'Schedules', {
      dispatchQueue: dispatch.queue,
      deadLetterQueue: dispatch.deadLetterQueue,
      removalPolicy,
    });
    const eventBus = new EventBus(this, 'RunEvents', { description: 'Job Run Succeeded / Job Run Failed' });
    // A new construct id on purpose: the stack-wide key of old is replaced, not reinterpreted as a master key.
    const signingMasterKey = new WebhookMasterKey(this, 'WebhookMasterKey', { removalPolicy });
    const executor = new Executor(this, 'Executor', {
      observability,
      jobTable,
      dispatchQueue: dispatch.queue,
      deadLetterQueue: dispatch.deadLetterQueue,
      eventBus,
      signingMasterKey,
      timeout: executorTimeout,
      httpTargetInsecureHosts,
      httpTargetPorts,
      targetAllowlists,
      runRetentionDays: props.runRetentionDays ?? ENV_DEFAULTS.RUN_RETENTION_DAYS,
      logRetention,
      removalPolicy,
      maxConcurrency: props.executorMaxConcurrency ?? 50,
      ...(props.executorReservedConcurrency === undefined
        ? {}
        : { reservedConcurrency: props.executorReservedConcurrency }),
      tenantRunLimit: props.tenantConcurrentRunLimit ?? ENV_DEFAULTS.TENANT_RUN_LIMIT,
    });
    const api = new JobsApi(this, 'JobsApi', {
      observability,
      auth: props.auth ?? { mode: 'iam' },
      jobTable,
      dispatchQueue: dispatch.queue,
      deadLetterQueue: dispatch.deadLetterQueue,
      schedules,
      signingMasterKey,
      httpTargetInsecureHosts,
      httpTargetPorts,
      targetAllowlists,
      jobQuotaPerTenant: props.jobQuotaPerTenant ?? ENV_DEFAULTS.JOB_QUOTA_PER_TENANT,
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

    const auth = props.auth ?? { mode: 'iam' };
    if (auth.mode !== 'iam' && props.console?.enabled !== false) {
      const tokenUrl = props.console?.tokenUrl ?? api.identity?.tokenUrl;
      const signIn: ConsoleSignIn = tokenUrl ? { mode: 'client-credentials', tokenUrl } : { mode: 'token' };
      new JobsConsole(this, 'Console', { api: api.api, signIn, logRetention, removalPolicy, observability });
    }

    const reconciler = new Reconciler(this, 'Reconciler', {
      jobTable,
      schedules,
      dispatchQueue: dispatch.queue,
      deadLetterQueue: dispatch.deadLetterQueue,
      ...(props.reconcileInterval ? { interval: props.reconcileInterval } : {}),
      ...(props.reconcilerSchedulerRequestsPerSecond
        ? { schedulerRequestsPerSecond: props.reconcilerSchedulerRequestsPerSecond }
        : {}),
      runRetentionDays: props.runRetentionDays ?? ENV_DEFAULTS.RUN_RETENTION_DAYS,
      logRetention,
      removalPolicy,
      observability,
    });
    const sorter = new DeadLetterSorter(this, 'DeadLetterSorter', {
      deadLetterQueue: dispatch.deadLetterQueue,
      quarantineQueue: dispatch.quarantineQueue,
      jobTable,
      logRetention,
      removalPolicy,
      observability,
    });
    const monitoring = new Monitoring(this, 'Monitoring', {
      reconcilerFunction: reconciler.function.fn,
      namespace: metricsNamespace,
      dispatchQueue: dispatch.queue,
      deadLetterQueue: dispatch.deadLetterQueue,
      quarantineQueue: dispatch.quarantineQueue,
      sorterFunction: sorter.function.fn,
      apiFunction: api.function.fn,
      executorFunction: executor.function.fn,
      ...(props.alarmThresholds ? { thresholds: props.alarmThresholds } : {}),
    });
    this.alarmTopic = monitoring.alarmTopic;

    // Last, once every queue, function and bus exists: name them all with the prefix jobs may not target,
    // deny the executor calling them, and fail the synthesis if one is added later without the prefix.
    executor.denyServiceTargets(nameServiceResources(this, serviceResourcePrefix));
    dispatch.closeToOthers({
      dispatch: [schedules.role, api.function.role, executor.function.role, reconciler.function.role],
      deadLetter: [schedules.role, executor.function.role],
      quarantine: [sorter.function.role],
      operatorRoleArns: props.operatorRoleArns ?? [],
    });
    Aspects.of(this).add(new ServiceResourceNamesCheck(serviceResourcePrefix));

    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: monitoring.alarmTopic.topicArn });
    new CfnOutput(this, 'ReconcilerFunctionName', { value: reconciler.function.fn.functionName });
    new CfnOutput(this, 'DashboardName', { value: monitoring.dashboard.dashboardName });
    new CfnOutput(this, 'DispatchQueueUrl', { value: dispatch.queue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: dispatch.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueArn', { value: dispatch.deadLetterQueue.queueArn });
    new CfnOutput(this, 'QuarantineQueueUrl', { value: dispatch.quarantineQueue.queueUrl });
    new CfnOutput(this, 'QuarantineQueueArn', { value: dispatch.quarantineQueue.queueArn });
    new CfnOutput(this, 'ScheduleGroupName', { value: schedules.group.scheduleGroupName });
    new CfnOutput(this, 'EventBusName', { value: eventBus.eventBusName });
    new CfnOutput(this, 'SigningMasterKeyArn', { value: signingMasterKey.secret.secretArn });
  }
}
