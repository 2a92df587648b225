import * as z from 'zod/mini';
import './domain/zod-locale.js';

// Schemas are built when a handler reads its configuration, so a cold start builds its own only.
const list = () =>
  z.pipe(
    z._default(z.string(), ''),
    z.transform((value: string) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  );
const nonEmpty = () => z.string().check(z.minLength(1));
const arn = () => z.string().check(z.startsWith('arn:'));
const count = (fallback: number, min: number, max?: number) =>
  z._default(
    z.coerce.number().check(z.int(), z.minimum(min), ...(max === undefined ? [] : [z.maximum(max)])),
    fallback,
  );

const common = () => ({
  TABLE_NAME: nonEmpty(),
  /** CloudWatch namespace of the service's EMF metrics. */
  METRICS_NAMESPACE: z._default(nonEmpty(), 'ServerlessScheduler'),
  /** Hosts an HTTP target may reach over plain http (local development: loopback). */
  HTTP_TARGET_INSECURE_HOSTS: z.pipe(
    list(),
    z.transform((hosts: string[]) => hosts.map((host) => host.toLowerCase())),
  ),
});

const ApiConfigSchema = z.lazy(() =>
  z.object({
    ...common(),
    SCHEDULE_GROUP_NAME: nonEmpty(),
    DISPATCH_QUEUE_ARN: arn(),
    DISPATCH_QUEUE_URL: z.url(),
    DEAD_LETTER_QUEUE_ARN: arn(),
    DEAD_LETTER_QUEUE_URL: z.url(),
    SCHEDULER_ROLE_ARN: arn(),
    /** ARN patterns SQS, EventBridge and Lambda targets must match; the executor's IAM policy uses the same list. */
    TARGET_ARN_ALLOWLIST: list(),
    JOB_QUOTA_PER_TENANT: count(10_000, 1),
    SERVICE_VERSION: z._default(z.string(), 'dev'),
  }),
);

const ExecutorConfigSchema = z.lazy(() =>
  z.object({
    ...common(),
    RUN_RETENTION_DAYS: count(30, 1, 3650),
    DISPATCH_QUEUE_URL: z.url(),
    DEAD_LETTER_QUEUE_URL: z.url(),
    EVENT_BUS_NAME: nonEmpty(),
    /**
     * Secrets Manager secret (ARN or name) with the webhook signing keys `{"current", "next"}`. CloudFormation's
     * Ref of a secret is its ARN; the local AWS returns its name, which GetSecretValue accepts as well.
     */
    SIGNING_SECRET_ID: nonEmpty(),
  }),
);

const ReconcilerConfigSchema = z.lazy(() =>
  z.object({
    ...common(),
    SCHEDULE_GROUP_NAME: nonEmpty(),
    DISPATCH_QUEUE_ARN: arn(),
    DISPATCH_QUEUE_URL: z.url(),
    DEAD_LETTER_QUEUE_ARN: arn(),
    SCHEDULER_ROLE_ARN: arn(),
    RUN_RETENTION_DAYS: count(30, 1, 3650),
    /** A fire is treated as missed once it is this many seconds overdue with no run. */
    MISSED_FIRE_AFTER_SECONDS: count(180, 60),
  }),
);

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
