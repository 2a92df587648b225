import { describe, expect, it } from 'vitest';
import {
  readApiConfig,
  readDeadLetterSorterConfig,
  readExecutorConfig,
  readReconcilerConfig,
} from '../../lambdas/config.js';

const DEAD_LETTER_QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/111122223333/dlq';
const api = {
  TABLE_NAME: 'jobs',
  SCHEDULE_GROUP_NAME: 'group',
  DISPATCH_QUEUE_ARN: 'arn:aws:sqs:eu-west-1:111122223333:dispatch',
  DISPATCH_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111122223333/dispatch',
  DEAD_LETTER_QUEUE_ARN: 'arn:aws:sqs:eu-west-1:111122223333:dlq',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::111122223333:role/scheduler',
  SIGNING_MASTER_KEY_SECRET_ID: 'signing-master-key',
  SERVICE_RESOURCE_PREFIX: 'Scheduler-',
};

describe('Lambda configuration from the environment', () => {
  it('reads the API configuration with its defaults', () => {
    expect(readApiConfig(api)).toEqual({
      ...api,
      METRICS_NAMESPACE: 'ServerlessScheduler',
      HTTP_TARGET_INSECURE_HOSTS: [],
      HTTP_TARGET_PORTS: [443, 80],
      TARGET_ARN_ALLOWLIST: [],
      TENANT_TARGET_ARN_ALLOWLISTS: {},
      JOB_QUOTA_PER_TENANT: 10_000,
      IAM_TENANT_FROM: 'role',
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
      HTTP_TARGET_INSECURE_HOSTS: ' LocalHost, 127.0.0.1:32768-60999 ,,[::1]:9000',
      TARGET_ARN_ALLOWLIST: 'arn:aws:sqs:*:111122223333:*, arn:aws:events:*:111122223333:event-bus/*',
      JOB_QUOTA_PER_TENANT: ' 25 ',
      SERVICE_VERSION: '',
    });
    expect(config.HTTP_TARGET_INSECURE_HOSTS).toEqual([
      { host: 'localhost' },
      { host: '127.0.0.1', ports: { low: 32768, high: 60999 } },
      { host: '::1', ports: { low: 9000, high: 9000 } },
    ]);
    expect(config.TARGET_ARN_ALLOWLIST).toHaveLength(2);
    expect(config.JOB_QUOTA_PER_TENANT).toBe(25);
    expect(config.SERVICE_VERSION).toBe('');
  });

  it('reads whether IAM tenants are roles or sessions', () => {
    expect(readApiConfig({ ...api, IAM_TENANT_FROM: 'session' }).IAM_TENANT_FROM).toBe('session');
  });

  it('reads the HTTP target port policy, for the API and the executor alike', () => {
    expect(readApiConfig({ ...api, HTTP_TARGET_PORTS: '443, 8443' }).HTTP_TARGET_PORTS).toEqual([443, 8443]);
    const executor = {
      TABLE_NAME: 'jobs',
      DISPATCH_QUEUE_URL: api.DISPATCH_QUEUE_URL,
      DEAD_LETTER_QUEUE_URL: 'http://127.0.0.1:4566/000000000000/dlq',
      EVENT_BUS_NAME: 'bus',
      SIGNING_MASTER_KEY_SECRET_ID: 'secret',
      SERVICE_RESOURCE_PREFIX: 'Scheduler-',
    };
    expect(
      readExecutorConfig({ ...executor, HTTP_TARGET_PORTS: '443', HTTP_TARGET_INSECURE_HOSTS: '[::1]:1-2' }),
    ).toMatchObject({
      HTTP_TARGET_PORTS: [443],
      HTTP_TARGET_INSECURE_HOSTS: [{ host: '::1', ports: { low: 1, high: 2 } }],
    });
  });

  it.each([
    ['IAM_TENANT_FROM', 'caller', "IAM_TENANT_FROM must be one of role, session, not 'caller'"],
    ['HTTP_TARGET_PORTS', '0', "HTTP_TARGET_PORTS must list ports from 1 to 65535, not '0'"],
    ['HTTP_TARGET_PORTS', '443,http', "HTTP_TARGET_PORTS must list ports from 1 to 65535, not '443,http'"],
    ['HTTP_TARGET_PORTS', '', "HTTP_TARGET_PORTS must list ports from 1 to 65535, not ''"],
    [
      'HTTP_TARGET_INSECURE_HOSTS',
      '::1',
      "HTTP_TARGET_INSECURE_HOSTS: '::1' is not an insecure-host entry: put the IPv6 address in brackets ([::1]).",
    ],
    [
      'HTTP_TARGET_INSECURE_HOSTS',
      '127.0.0.1:9-1',
      "HTTP_TARGET_INSECURE_HOSTS: '127.0.0.1:9-1' has an invalid port range",
    ],
  ])('refuses %s=%j', (name, value, message) => {
    expect(() => readApiConfig({ ...api, [name]: value })).toThrow(message);
  });

  it('names every problem at once', () => {
    expect(() =>
      readApiConfig({
        ...api,
        TABLE_NAME: undefined,
        METRICS_NAMESPACE: '',
        DISPATCH_QUEUE_ARN: 'sqs:dispatch',
        DISPATCH_QUEUE_URL: 'not a url',
        JOB_QUOTA_PER_TENANT: '0',
      }),
    ).toThrow(
      "Invalid configuration: TABLE_NAME is required; METRICS_NAMESPACE must not be empty; DISPATCH_QUEUE_ARN must be an ARN (arn:…); DISPATCH_QUEUE_URL must be an http(s) URL; JOB_QUOTA_PER_TENANT must be a whole number of at least 1, not '0'.",
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
      DEAD_LETTER_QUEUE_URL,
      EVENT_BUS_NAME: 'bus',
      SIGNING_MASTER_KEY_SECRET_ID: 'secret',
      SERVICE_RESOURCE_PREFIX: 'Scheduler-',
    };
    expect(readExecutorConfig(executor)).toMatchObject({ RUN_RETENTION_DAYS: 30, TENANT_RUN_LIMIT: 20 });
    expect(readExecutorConfig({ ...executor, TENANT_RUN_LIMIT: '0' }).TENANT_RUN_LIMIT).toBe(0);
    expect(() => readExecutorConfig({ ...executor, [name]: value })).toThrow(
      `${name} must be a whole number`,
    );
  });

  it('reads per-tenant allowlists as JSON, tenant ids that are ARNs or prototype names included', () => {
    const config = readApiConfig({
      ...api,
      TENANT_TARGET_ARN_ALLOWLISTS: `{"arn:aws:sts::111122223333:assumed-role/team-a/session":["arn:aws:sqs:*:111122223333:team-a-*"],"__proto__":["arn:aws:sqs:*:111122223333:proto-*"]}`,
    });
    const lists = config.TENANT_TARGET_ARN_ALLOWLISTS;
    expect(lists['arn:aws:sts::111122223333:assumed-role/team-a/session']).toEqual([
      'arn:aws:sqs:*:111122223333:team-a-*',
    ]);
    expect(Object.getOwnPropertyDescriptor(lists, '__proto__')?.value).toEqual([
      'arn:aws:sqs:*:111122223333:proto-*',
    ]);
    expect(Object.hasOwn(config.TENANT_TARGET_ARN_ALLOWLISTS, '__proto__')).toBe(true);
  });

  it.each([
    ['not json', 'must be JSON'],
    ['["arn:aws:sqs:*:1:*"]', 'must map each tenant'],
    ['{"team-a": "arn:aws:sqs:*:1:*"}', 'must map each tenant'],
    ['{"team-a": ["sqs:*"]}', 'must map each tenant'],
    ['{"": ["arn:aws:sqs:*:1:*"]}', 'must map each tenant'],
  ])('refuses per-tenant allowlists %j', (value, problem) => {
    expect(() => readApiConfig({ ...api, TENANT_TARGET_ARN_ALLOWLISTS: value })).toThrow(problem);
  });

  it('requires the service resource prefix (without it no target could be told from the stack itself)', () => {
    expect(() => readApiConfig({ ...api, SERVICE_RESOURCE_PREFIX: undefined })).toThrow(
      'SERVICE_RESOURCE_PREFIX is required',
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

  it('reads the dead-letter sorter configuration: its quarantine queue, and dead fires kept at most 14 days', () => {
    const sorter = {
      TABLE_NAME: 'jobs',
      QUARANTINE_QUEUE_URL: DEAD_LETTER_QUEUE_URL.replace('dlq', 'quarantine'),
    };
    expect(readDeadLetterSorterConfig(sorter)).toMatchObject({ ...sorter, DEAD_LETTER_RETENTION_DAYS: 14 });
    expect(() => readDeadLetterSorterConfig({ ...sorter, DEAD_LETTER_RETENTION_DAYS: '15' })).toThrow(
      'DEAD_LETTER_RETENTION_DAYS must be a whole number from 1 to 14',
    );
    expect(() => readDeadLetterSorterConfig({ TABLE_NAME: 'jobs' })).toThrow(
      'QUARANTINE_QUEUE_URL is required',
    );
  });
});
