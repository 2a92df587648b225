import { z } from 'zod';

const list = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim().toLowerCase())
      .filter(Boolean),
  );

const Common = z.object({
  TABLE_NAME: z.string().min(1),
  /** Hosts an HTTP target may reach over plain http (local development: loopback). */
  HTTP_TARGET_INSECURE_HOSTS: list,
});

const ApiConfigSchema = Common.extend({
  SCHEDULE_GROUP_NAME: z.string().min(1),
  DISPATCH_QUEUE_ARN: z.string().startsWith('arn:'),
  SCHEDULER_ROLE_ARN: z.string().startsWith('arn:'),
});

const ExecutorConfigSchema = Common.extend({
  RUN_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
});

export type ApiConfig = z.infer<typeof ApiConfigSchema>;
export type ExecutorConfig = z.infer<typeof ExecutorConfigSchema>;

/** The API Lambda's configuration, parsed from its environment once per cold start. */
export const readApiConfig = (env: NodeJS.ProcessEnv = process.env): ApiConfig => ApiConfigSchema.parse(env);

/** The executor Lambda's configuration, parsed from its environment once per cold start. */
export const readExecutorConfig = (env: NodeJS.ProcessEnv = process.env): ExecutorConfig =>
  ExecutorConfigSchema.parse(env);
