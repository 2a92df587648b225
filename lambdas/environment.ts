import { DEFAULT_METRICS_NAMESPACE } from './domain/metrics.js';

/**
 * The Lambdas' environment variables, in one place: the constructs in lib/ set them (their `environment` is
 * a {@link LambdaEnvironment}, so a misspelt name does not compile), lambdas/config.ts reads them by the same
 * names. test/infra/one-vocabulary.test.ts feeds each synthesized function's environment to its reader.
 */
export const ENV_NAMES = [
  // Every Lambda (lib/node-function.ts).
  'LOG_LEVEL',
  'NODE_OPTIONS',
  'METRICS_NAMESPACE',
  'TABLE_NAME',
  // Where HTTP targets may go.
  'HTTP_TARGET_INSECURE_HOSTS',
  'HTTP_TARGET_PORTS',
  // The target policy (lib/target-permissions.ts).
  'TARGET_ARN_ALLOWLIST',
  'TENANT_TARGET_ARN_ALLOWLISTS',
  'SERVICE_RESOURCE_PREFIX',
  // Registering schedules (lib/job-schedules.ts).
  'SCHEDULE_GROUP_NAME',
  'SCHEDULER_ROLE_ARN',
  'DISPATCH_QUEUE_ARN',
  'DISPATCH_QUEUE_URL',
  'DEAD_LETTER_QUEUE_ARN',
  'DEAD_LETTER_QUEUE_URL',
  'SIGNING_MASTER_KEY_SECRET_ID',
  // The API.
  'JOB_QUOTA_PER_TENANT',
  'IAM_TENANT_FROM',
  'SERVICE_VERSION',
  'RATE_LIMIT_CREATE',
  'RATE_LIMIT_UPDATE',
  'RATE_LIMIT_EXECUTE',
  'RATE_LIMIT_WINDOW_SECONDS',
  // The executor.
  'RUN_RETENTION_DAYS',
  'EVENT_BUS_NAME',
  'TENANT_RUN_LIMIT',
  // The reconciler.
  'MISSED_FIRE_AFTER_SECONDS',
  'RECONCILER_SCHEDULER_RPS',
  'RECONCILER_DEEP_CHECKS_PER_RUN',
  'RECONCILER_NAME_PASS_EVERY_MINUTES',
  // The dead-letter sorter.
  'QUARANTINE_QUEUE_URL',
  'DEAD_LETTER_RETENTION_DAYS',
  // The web console (lib/jobs-console.ts).
  'CONSOLE_SIGN_IN',
  'CONSOLE_TOKEN_URL',
] as const;

export type EnvName = (typeof ENV_NAMES)[number];

/** What a construct sets in a service Lambda's environment. */
export type LambdaEnvironment = Partial<Record<EnvName, string>>;

/** The defaults of the variables that have one: the reader's fallback and the construct's default prop alike. */
export const ENV_DEFAULTS = {
  METRICS_NAMESPACE: DEFAULT_METRICS_NAMESPACE,
  RUN_RETENTION_DAYS: 30,
  TENANT_RUN_LIMIT: 20,
  JOB_QUOTA_PER_TENANT: 10_000,
  IAM_TENANT_FROM: 'role',
  SERVICE_VERSION: 'dev',
  /** A fire is treated as missed once it is this many seconds overdue with no run: 3 minutes. */
  MISSED_FIRE_AFTER_SECONDS: 180,
  /** Scheduler requests per second all of the reconciler's calls share (the API's writes keep the rest). */
  RECONCILER_SCHEDULER_RPS: 10,
  /** GetSchedule calls the rolling deep comparison makes per run. */
  RECONCILER_DEEP_CHECKS_PER_RUN: 100,
  /** Minutes between the starts of two name comparisons (job ids against schedule names). */
  RECONCILER_NAME_PASS_EVERY_MINUTES: 60,
  /** Days a filed dead fire is kept: SQS's longest retention, the DLQ's. */
  DEAD_LETTER_RETENTION_DAYS: 14,
} as const satisfies Partial<Record<EnvName, string | number>>;
