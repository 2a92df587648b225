import { describe, expect, it } from 'vitest';
import { readApiConfig, readExecutorConfig, readReconcilerConfig } from '../../lambdas/config.js';

const api = {
  TABLE_NAME: 'jobs',
  SCHEDULE_GROUP_NAME: 'group',
  DISPATCH_QUEUE_ARN: 'arn:aws:sqs:eu-west-1:111122223333:dispatch',
  DISPATCH_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111122223333/dispatch',
  DEAD_LETTER_QUEUE_ARN: 'arn:aws:sqs:eu-west-1:111122223333:dlq',
  DEAD_LETTER_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111122223333/dlq',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::111122223333:role/scheduler',
};

describe('Lambda configuration from the environment', () => {
  it('reads the API configuration with its defaults', () => {
    expect(readApiConfig(api)).toEqual({
      ...api,
      METRICS_NAMESPACE: 'ServerlessScheduler',
      HTTP_TARGET_INSECURE_HOSTS: [],
      TARGET_ARN_ALLOWLIST: [],
      JOB_QUOTA_PER_TENANT: 10_000,
      RATE_LIMITS: {
        create: { limit: 600, windowSeconds: 60 },
        update: { limit: 600, windowSeconds: 60 },
        execute: { limit: 120, windowSeconds: 60 },
      },
      SERVICE_VERSION: 'dev',
    });
  });

  it('reads the per-tenant rate limits, one window for all, and refuses a limit of 0', () => {
    const config = readApiConfig({ ...api, RATE_LIMIT_EXECUTE: '5', RATE_LIMIT_WINDOW_SECONDS: '10' });
    expect(config.RATE_LIMITS).toEqual({
      create: { limit: 600, windowSeconds: 10 },
      update: { limit: 600, windowSeconds: 10 },
      execute: { limit: 5, windowSeconds: 10 },
    });
    expect(() => readApiConfig({ ...api, RATE_LIMIT_CREATE: '0' })).toThrow(
      'RATE_LIMIT_CREATE must be a whole number of at least 1',
    );
  });

  it('reads lists (trimmed, empty items dropped, hosts lower-cased) and numbers', () => {
    const config = readApiConfig({
      ...api,
      HTTP_TARGET_INSECURE_HOSTS: ' LocalHost, 127.0.0.1 ,,',
      TARGET_ARN_ALLOWLIST: 'arn:aws:sqs:*:111122223333:*, arn:aws:events:*:111122223333:event-bus/*',
      JOB_QUOTA_PER_TENANT: ' 25 ',
      SERVICE_VERSION: '',
    });
    expect(config.HTTP_TARGET_INSECURE_HOSTS).toEqual(['localhost', '127.0.0.1']);
    expect(config.TARGET_ARN_ALLOWLIST).toHaveLength(2);
    expect(config.JOB_QUOTA_PER_TENANT).toBe(25);
    expect(config.SERVICE_VERSION).toBe('');
  });

  it('names every problem at once', () => {
    expect(() =>
      readApiConfig({
        ...api,
        TABLE_NAME: undefined,
        METRICS_NAMESPACE: '',
        DISPATCH_QUEUE_ARN: 'sqs:dispatch',
        DISPATCH_QUEUE_URL: 'not a url',
        DEAD_LETTER_QUEUE_URL: 'ftp://example.com/dlq',
        JOB_QUOTA_PER_TENANT: '0',
      }),
    ).toThrow(
      "Invalid configuration: TABLE_NAME is required; METRICS_NAMESPACE must not be empty; DISPATCH_QUEUE_ARN must be an ARN (arn:…); DISPATCH_QUEUE_URL must be an http(s) URL; DEAD_LETTER_QUEUE_URL must be an http(s) URL; JOB_QUOTA_PER_TENANT must be a whole number of at least 1, not '0'.",
    );
  });

  it.each([
    ['RUN_RETENTION_DAYS', '3651'],
    ['RUN_RETENTION_DAYS', '1.5'],
    ['RUN_RETENTION_DAYS', 'thirty'],
    ['RUN_RETENTION_DAYS', ''],
    ['TENANT_RUN_LIMIT', '-1'],
  ])('refuses %s=%j for the executor', (name, value) => {
    const executor = {
      TABLE_NAME: 'jobs',
      DISPATCH_QUEUE_URL: api.DISPATCH_QUEUE_URL,
      DEAD_LETTER_QUEUE_URL: api.DEAD_LETTER_QUEUE_URL,
      EVENT_BUS_NAME: 'bus',
      SIGNING_SECRET_ID: 'secret',
    };
    expect(readExecutorConfig(executor)).toMatchObject({ RUN_RETENTION_DAYS: 30, TENANT_RUN_LIMIT: 20 });
    expect(readExecutorConfig({ ...executor, TENANT_RUN_LIMIT: '0' }).TENANT_RUN_LIMIT).toBe(0);
    expect(() => readExecutorConfig({ ...executor, [name]: value })).toThrow(
      `${name} must be a whole number`,
    );
  });

  it('reads the reconciler configuration, with the missed-fire threshold of at least a minute', () => {
    const reconciler = { ...api, MISSED_FIRE_AFTER_SECONDS: '300' };
    expect(readReconcilerConfig(reconciler)).toMatchObject({
      MISSED_FIRE_AFTER_SECONDS: 300,
      RUN_RETENTION_DAYS: 30,
    });
    expect(() => readReconcilerConfig({ ...api, MISSED_FIRE_AFTER_SECONDS: '59' })).toThrow(
      'MISSED_FIRE_AFTER_SECONDS must be a whole number of at least 60',
    );
  });
});
