import {
  DEFAULT_HTTP_TARGET_PORTS,
  type InsecureHost,
  parseInsecureHost,
  validPort,
} from './domain/http-reach.js';
import { DEFAULT_RATE_LIMITS, type RateLimitedOperation, type RateLimits } from './domain/rate-limit.js';
import { ENV_DEFAULTS, type EnvName } from './environment.js';

/**
 * Each Lambda's configuration, read from its environment once per cold start. A small reader rather than a
 * zod schema: it is flat strings, and zod cost the reconciler 27 KB and every cold start ≈ 3 ms (building
 * and running the schema); measured with `npm run bench -- bundles`.
 */
class EnvReader {
  readonly #problems: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** A string; required unless it has a fallback, and not empty unless `allowEmpty`. */
  text(name: EnvName, options: { fallback?: string; allowEmpty?: boolean } = {}): string {
    const value = this.env[name];
    if (value === undefined) {
      if (options.fallback === undefined) this.#problems.push(`${name} is required`);
      return options.fallback ?? '';
    }
    if (value === '' && !options.allowEmpty) this.#problems.push(`${name} must not be empty`);
    return value;
  }

  arn(name: EnvName): string {
    const value = this.text(name);
    if (value && !value.startsWith('arn:')) this.#problems.push(`${name} must be an ARN (arn:…)`);
    return value;
  }

  url(name: EnvName): string {
    const value = this.text(name);
    if (value && !/^https?:$/.test(URL.parse(value)?.protocol ?? '')) {
      this.#problems.push(`${name} must be an http(s) URL`);
    }
    return value;
  }

  /** A comma-separated list, items trimmed, empty items dropped; absent means empty. */
  list(name: EnvName): string[] {
    return (this.env[name] ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  }

  /**
   * A JSON object mapping tenants to lists of ARN patterns (tenant ids may be long IAM ARNs with commas
   * nowhere forbidden, hence JSON rather than a list); absent means none.
   */
  tenantLists(name: EnvName): Record<string, string[]> {
    const value = this.env[name];
    if (value === undefined || value === '') return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      this.#problems.push(`${name} must be JSON`);
      return {};
    }
    const valid =
      parsed !== null &&
      typeof parsed === 'object' &&
      !Array.isArray(parsed) &&
      Object.entries(parsed).every(
        ([tenant, list]) =>
          tenant !== '' &&
          Array.isArray(list) &&
          list.every((pattern) => typeof pattern === 'string' && pattern.startsWith('arn:')),
      );
    if (!valid) {
      this.#problems.push(`${name} must map each tenant to a list of ARN patterns ({"tenant": ["arn:…"]})`);
      return {};
    }
    // A null-prototype copy: a tenant named `__proto__` is a key like any other.
    return Object.assign(Object.create(null), parsed) as Record<string, string[]>;
  }

  /** A whole number in [min, max], or `fallback` when absent. */
  count(name: EnvName, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const value = this.env[name];
    if (value === undefined) return fallback;
    const number = Number(value);
    if (!Number.isInteger(number) || number < min || number > max) {
      this.#problems.push(
        `${name} must be a whole number ${max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`}, not '${value}'`,
      );
    }
    return number;
  }

  /** One of `choices`, or `fallback` when absent. */
  choice<const C extends string>(name: EnvName, choices: readonly C[], fallback: C): C {
    const value = this.env[name];
    if (value === undefined) return fallback;
    if (!(choices as readonly string[]).includes(value)) {
      this.#problems.push(`${name} must be one of ${choices.join(', ')}, not '${value}'`);
    }
    return value as C;
  }

  /** A comma-separated list of ports (1–65535), or `fallback` when absent. */
  ports(name: EnvName, fallback: readonly number[]): number[] {
    if (this.env[name] === undefined) return [...fallback];
    const ports = this.list(name).map(Number);
    if (ports.length === 0 || !ports.every(validPort)) {
      this.#problems.push(`${name} must list ports from 1 to 65535, not '${this.env[name]}'`);
    }
    return ports;
  }

  /** A comma-separated list of insecure-host entries (`host`, `host:port`, `host:low-high`, `[v6]:…`). */
  insecureHosts(name: EnvName): InsecureHost[] {
    return this.list(name).flatMap((entry) => {
      try {
        return [parseInsecureHost(entry)];
      } catch (error) {
        this.#problems.push(`${name}: ${(error as Error).message}`);
        return [];
      }
    });
  }

  /** The configuration read, or an error naming every problem at once. */
  done<T>(config: T): T {
    if (this.#problems.length > 0) throw new Error(`Invalid configuration: ${this.#problems.join('; ')}.`);
    return config;
  }
}

function common(read: EnvReader) {
  return {
    TABLE_NAME: read.text('TABLE_NAME'),
    /** CloudWatch namespace of the service's EMF metrics. */
    METRICS_NAMESPACE: read.text('METRICS_NAMESPACE', { fallback: ENV_DEFAULTS.METRICS_NAMESPACE }),
    /** Hosts an HTTP target may reach over plain http and at internal addresses, each on its ports. */
    HTTP_TARGET_INSECURE_HOSTS: read.insecureHosts('HTTP_TARGET_INSECURE_HOSTS'),
    /** The ports HTTP targets may use (listed insecure hosts: their own). */
    HTTP_TARGET_PORTS: read.ports('HTTP_TARGET_PORTS', DEFAULT_HTTP_TARGET_PORTS),
  };
}

/** What the API checks targets against at create and update, and the executor again before each call. */
function targetPolicy(read: EnvReader) {
  return {
    /** ARN patterns SQS, EventBridge and Lambda targets must match; the executor's IAM policy uses the same list. */
    TARGET_ARN_ALLOWLIST: read.list('TARGET_ARN_ALLOWLIST'),
    /** Per-tenant ARN patterns, instead of TARGET_ARN_ALLOWLIST for the tenants listed. */
    TENANT_TARGET_ARN_ALLOWLISTS: read.tenantLists('TENANT_TARGET_ARN_ALLOWLISTS'),
    /** Every queue, function and event bus of the stack is named with this prefix; none may be a target. */
    SERVICE_RESOURCE_PREFIX: read.text('SERVICE_RESOURCE_PREFIX'),
  };
}

/** What registering a job's schedule takes: the API and the reconciler both do. */
function scheduleRegistry(read: EnvReader) {
  return {
    SCHEDULE_GROUP_NAME: read.text('SCHEDULE_GROUP_NAME'),
    DISPATCH_QUEUE_ARN: read.arn('DISPATCH_QUEUE_ARN'),
    DISPATCH_QUEUE_URL: read.url('DISPATCH_QUEUE_URL'),
    DEAD_LETTER_QUEUE_ARN: read.arn('DEAD_LETTER_QUEUE_ARN'),
    SCHEDULER_ROLE_ARN: read.arn('SCHEDULER_ROLE_ARN'),
  };
}

/** Where the webhook signing master key is: the executor signs with it, the API hands tenants their secrets. */
function signing(read: EnvReader) {
  return {
    /**
     * Secrets Manager secret (ARN or name) whose string value is the master key every tenant's signing secret
     * is derived from. CloudFormation's Ref of a secret is its ARN; the local AWS returns its name, which
     * GetSecretValue accepts as well.
     */
    SIGNING_MASTER_KEY_SECRET_ID: read.text('SIGNING_MASTER_KEY_SECRET_ID'),
  };
}

/** Per-tenant limits on the API's writes, per fixed window (defaults: lambdas/domain/rate-limit.ts). */
function rateLimits(read: EnvReader) {
  const windowSeconds = read.count(
    'RATE_LIMIT_WINDOW_SECONDS',
    DEFAULT_RATE_LIMITS.create.windowSeconds,
    1,
    3_600,
  );
  const limit = (name: EnvName, operation: RateLimitedOperation) => ({
    limit: read.count(name, DEFAULT_RATE_LIMITS[operation].limit, 1),
    windowSeconds,
  });
  return {
    create: limit('RATE_LIMIT_CREATE', 'create'),
    update: limit('RATE_LIMIT_UPDATE', 'update'),
    execute: limit('RATE_LIMIT_EXECUTE', 'execute'),
  } satisfies RateLimits;
}

/** The API Lambda's configuration, read from its environment once per cold start. */
export function readApiConfig(env: NodeJS.ProcessEnv = process.env) {
  const read = new EnvReader(env);
  return read.done({
    ...common(read),
    ...scheduleRegistry(read),
    ...signing(read),
    ...targetPolicy(read),
    JOB_QUOTA_PER_TENANT: read.count('JOB_QUOTA_PER_TENANT', ENV_DEFAULTS.JOB_QUOTA_PER_TENANT, 1),
    /** Under IAM auth, whether an assumed-role caller's tenant is its role (session name ignored) or its session. */
    IAM_TENANT_FROM: read.choice('IAM_TENANT_FROM', ['role', 'session'], ENV_DEFAULTS.IAM_TENANT_FROM),
    RATE_LIMITS: rateLimits(read),
    SERVICE_VERSION: read.text('SERVICE_VERSION', {
      fallback: ENV_DEFAULTS.SERVICE_VERSION,
      allowEmpty: true,
    }),
  });
}

/** The executor Lambda's configuration, read from its environment once per cold start. */
export function readExecutorConfig(env: NodeJS.ProcessEnv = process.env) {
  const read = new EnvReader(env);
  return read.done({
    ...common(read),
    ...targetPolicy(read),
    RUN_RETENTION_DAYS: read.count('RUN_RETENTION_DAYS', ENV_DEFAULTS.RUN_RETENTION_DAYS, 1, 3650),
    DISPATCH_QUEUE_URL: read.url('DISPATCH_QUEUE_URL'),
    DEAD_LETTER_QUEUE_URL: read.url('DEAD_LETTER_QUEUE_URL'),
    EVENT_BUS_NAME: read.text('EVENT_BUS_NAME'),
    ...signing(read),
    /** Runs one tenant may have in progress at once; 0 switches the limit (and its two writes per run) off. */
    TENANT_RUN_LIMIT: read.count('TENANT_RUN_LIMIT', ENV_DEFAULTS.TENANT_RUN_LIMIT, 0),
  });
}

/** The reconciler's configuration, read from its environment once per cold start. */
export function readReconcilerConfig(env: NodeJS.ProcessEnv = process.env) {
  const read = new EnvReader(env);
  return read.done({
    ...common(read),
    ...scheduleRegistry(read),
    RUN_RETENTION_DAYS: read.count('RUN_RETENTION_DAYS', ENV_DEFAULTS.RUN_RETENTION_DAYS, 1, 3650),
    /** A fire is treated as missed once it is this many seconds overdue with no run. */
    MISSED_FIRE_AFTER_SECONDS: read.count(
      'MISSED_FIRE_AFTER_SECONDS',
      ENV_DEFAULTS.MISSED_FIRE_AFTER_SECONDS,
      60,
    ),
    /** Scheduler requests per second all of the reconciler's calls share (the API's writes keep the rest). */
    RECONCILER_SCHEDULER_RPS: read.count(
      'RECONCILER_SCHEDULER_RPS',
      ENV_DEFAULTS.RECONCILER_SCHEDULER_RPS,
      1,
      1000,
    ),
    /** GetSchedule calls the rolling deep comparison makes per run. */
    RECONCILER_DEEP_CHECKS_PER_RUN: read.count(
      'RECONCILER_DEEP_CHECKS_PER_RUN',
      ENV_DEFAULTS.RECONCILER_DEEP_CHECKS_PER_RUN,
      0,
      10_000,
    ),
    /** Minutes between the starts of two name comparisons (job ids against schedule names). */
    RECONCILER_NAME_PASS_EVERY_MINUTES: read.count(
      'RECONCILER_NAME_PASS_EVERY_MINUTES',
      ENV_DEFAULTS.RECONCILER_NAME_PASS_EVERY_MINUTES,
      1,
      10_080,
    ),
  });
}

/** The dead-letter sorter's configuration, read from its environment once per cold start. */
export function readDeadLetterSorterConfig(env: NodeJS.ProcessEnv = process.env) {
  const read = new EnvReader(env);
  return read.done({
    ...common(read),
    /** The operators' queue for dead letters that name no tenant the job table vouches for. */
    QUARANTINE_QUEUE_URL: read.url('QUARANTINE_QUEUE_URL'),
    /** Days a filed dead fire is kept: the DLQ's retention. */
    DEAD_LETTER_RETENTION_DAYS: read.count(
      'DEAD_LETTER_RETENTION_DAYS',
      ENV_DEFAULTS.DEAD_LETTER_RETENTION_DAYS,
      1,
      14,
    ),
  });
}

export type ApiConfig = ReturnType<typeof readApiConfig>;
export type ExecutorConfig = ReturnType<typeof readExecutorConfig>;
export type ReconcilerConfig = ReturnType<typeof readReconcilerConfig>;
