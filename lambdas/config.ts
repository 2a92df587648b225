import * as z from 'zod';

const list = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

const Common = z.object({
  TABLE_NAME: z.string().min(1),
  /** CloudWatch namespace of the service's EMF metrics. */
  METRICS_NAMESPACE: z.string().min(1).default('ServerlessScheduler'),
  /** Hosts an HTTP target may reach over plain http (local development: loopback). */
  HTTP_TARGET_INSECURE_HOSTS: list.transform((hosts) => hosts.map((host) => host.toLowerCase())),
});

const ApiConfigSchema = Common.extend({
  SCHEDULE_GROUP_NAME: z.string().min(1),
  DISPATCH_QUEUE_ARN: z.string().startsWith('arn:'),
  DISPATCH_QUEUE_URL: z.string().url(),
  DEAD_LETTER_QUEUE_ARN: z.string().startsWith('arn:'),
  DEAD_LETTER_QUEUE_URL: z.string().url(),
  SCHEDULER_ROLE_ARN: z.string().startsWith('arn:'),
  /** ARN patterns SQS, EventBridge and Lambda targets must match; the executor's IAM policy uses the same list. */
  TARGET_ARN_ALLOWLIST: list,
  JOB_QUOTA_PER_TENANT: z.coerce.number().int().min(1).default(10_000),
  SERVICE_VERSION: z.string().default('dev'),
});

const ExecutorConfigSchema = Common.extend({
  RUN_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  DISPATCH_QUEUE_URL: z.string().url(),
  DEAD_LETTER_QUEUE_URL: z.string().url(),
  EVENT_BUS_NAME: z.string().min(1),
  /**
   * Secrets Manager secret (ARN or name) with the webhook signing keys `{"current", "next"}`. CloudFormation's
   * Ref of a secret is its ARN; the local AWS returns its name, which GetSecretValue accepts as well.
   */
  SIGNING_SECRET_ID: z.string().min(1),
});

const ReconcilerConfigSchema = Common.extend({
  SCHEDULE_GROUP_NAME: z.string().min(1),
  DISPATCH_QUEUE_ARN: z.string().startsWith('arn:'),
  DISPATCH_QUEUE_URL: z.string().url(),
  DEAD_LETTER_QUEUE_ARN: z.string().startsWith('arn:'),
  SCHEDULER_ROLE_ARN: z.string().startsWith('arn:'),
  RUN_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** A fire is treated as missed once it is this many seconds overdue with no run. */
  MISSED_FIRE_AFTER_SECONDS: z.coerce.number().int().min(60).default(180),
});

export type ApiConfig = z.infer<typeof ApiConfigSchema>;
export type ReconcilerConfig = z.infer<typeof ReconcilerConfigSchema>;

/** The reconciler's configuration, parsed from its environment once per cold start. */
export const readReconcilerConfig = (env: NodeJS.ProcessEnv = process.env): ReconcilerConfig =>
  ReconcilerConfigSchema.parse(env);
export type ExecutorConfig = z.infer<typeof ExecutorConfigSchema>;

/** The API Lambda's configuration, parsed from its environment once per cold start. */
export const readApiConfig = (env: NodeJS.ProcessEnv = process.env): ApiConfig => ApiConfigSchema.parse(env);

/** The executor Lambda's configuration, parsed from its environment once per cold start. */
export const readExecutorConfig = (env: NodeJS.ProcessEnv = process.env): ExecutorConfig =>
  ExecutorConfigSchema.parse(env);
