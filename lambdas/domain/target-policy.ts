import { DomainError, ValidationError } from './errors.js';
import {
  DEFAULT_HTTP_TARGET_PORTS,
  formatInsecureHost,
  type HttpReach,
  hostOf,
  type InsecureHost,
  insecureAllowed,
  internalLiteral,
  portOf,
  portRefusal,
} from './http-reach.js';
import { type Target, targetArnOf } from './target.js';

/** The `source` of the service's own run events (`Job Run Succeeded` / `Job Run Failed`). */
export const SERVICE_EVENT_SOURCE = 'serverless-scheduler';

/** What the deployment lets a job's target reach. */
export interface TargetPolicy {
  /** Hosts an HTTP target may reach over plain http and at internal addresses, each on its ports. */
  readonly insecureHostsAllowed: readonly InsecureHost[];
  /** The ports HTTP targets may use (listed insecure hosts: their own). @default [443, 80] */
  readonly httpTargetPorts?: readonly number[];
  /**
   * ARN patterns (`*` matches any run of characters) that SQS, EventBridge and Lambda targets must match:
   * the list of every tenant without a list of its own in `tenantArnAllowlists`.
   */
  readonly arnAllowlist: readonly string[];
  /** Per-tenant ARN patterns: a tenant listed here gets exactly its own list instead of `arnAllowlist`. */
  readonly tenantArnAllowlists?: Readonly<Record<string, readonly string[]>>;
  /**
   * The prefix of the name of every queue, function and event bus of the stack (the stack names them so).
   * No target may be one of them, whatever the allowlists say: a job could otherwise forge fires, invoke the
   * API as another tenant or publish fake run events.
   */
  readonly serviceResourcePrefix: string;
}

export class TargetNotAllowedError extends DomainError {
  constructor(arn: string) {
    super(403, 'target_not_allowed', `The target ${arn} is not in this deployment's target allowlist.`, [
      { path: 'target', message: 'Ask the operator to add a matching ARN pattern to the stack.' },
    ]);
  }
}

/**
 * A target that is the service itself. Its own code (not target_not_allowed): no allowlist change can make
 * it callable, so the caller should not ask the operator for one.
 */
export class TargetIsTheServiceError extends DomainError {
  constructor(path: string, reason: string) {
    super(403, 'target_is_the_service', `The target is one of this service's own resources: ${reason}.`, [
      { path, message: 'Jobs may not target the scheduler itself.' },
    ]);
  }
}

/** True when `arn` matches the IAM-style `pattern`, where `*` is any run of characters and `?` one. */
export function arnMatches(pattern: string, arn: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`).test(arn);
}

/** The ARN patterns a tenant's targets must match: its own list, or the deployment's fallback. */
export function arnAllowlistOf(policy: TargetPolicy, tenant: string): readonly string[] {
  const own = policy.tenantArnAllowlists;
  // Object.hasOwn: a tenant named `constructor` or `__proto__` must not pick up Object.prototype's members.
  return own && Object.hasOwn(own, tenant) ? (own[tenant] ?? []) : policy.arnAllowlist;
}

/**
 * The name of the resource an SQS, Lambda or EventBridge ARN names: the queue, the function (without its
 * qualifier) or the event bus.
 */
function resourceNameOf(arn: string): string {
  const [, , service = '', , , ...rest] = arn.split(':');
  const resource = rest.join(':');
  if (service === 'lambda') return resource.replace(/^function:/, '').split(':')[0] ?? '';
  if (service === 'events') return resource.replace(/^event-bus\//, '');
  return resource;
}

/**
 * True when the ARN names one of the stack's own queues, functions or buses. By name only, in any region and
 * account: a few look-alike names elsewhere are refused too, which is the safe side.
 */
export function isServiceResource(arn: string, serviceResourcePrefix: string): boolean {
  if (!serviceResourcePrefix) return true; // no prefix configured: nothing can be told apart, refuse all
  return resourceNameOf(arn).toLowerCase().startsWith(serviceResourcePrefix.toLowerCase());
}

/** True when an EventBridge `source` is the service's own or AWS's, which receivers trust. */
export function isReservedEventSource(source: string): boolean {
  const lower = source.toLowerCase();
  // A prefix: consumers' rules may match the service's events with `{"prefix": "serverless-scheduler"}`.
  return lower.startsWith(SERVICE_EVENT_SOURCE) || lower.startsWith('aws.');
}

/**
 * Why a tenant may not call an SQS, EventBridge or Lambda target, as a 403 DomainError; undefined when it
 * may (and for HTTP targets, checked by URL and address elsewhere). Shared by the API (at create and update)
 * and the executor (before every call: allowlists change after jobs are created).
 */
export function awsTargetRefusal(
  target: Target,
  policy: TargetPolicy,
  tenant: string,
): DomainError | undefined {
  const arn = targetArnOf(target);
  if (arn === undefined) return undefined;
  const path = `target.${target.type === 'sqs' ? 'queueArn' : target.type === 'lambda' ? 'functionArn' : 'eventBusArn'}`;
  if (isServiceResource(arn, policy.serviceResourcePrefix)) {
    return new TargetIsTheServiceError(
      path,
      `its ${target.type === 'eventbridge' ? 'event bus' : target.type === 'sqs' ? 'queue' : 'function'}`,
    );
  }
  if (target.type === 'eventbridge' && isReservedEventSource(target.source)) {
    return new TargetIsTheServiceError('target.source', `the event source ${target.source} is reserved`);
  }
  if (!arnAllowlistOf(policy, tenant).some((pattern) => arnMatches(pattern, arn))) {
    return new TargetNotAllowedError(arn);
  }
  return undefined;
}

/** Checks a tenant's target against the deployment's policy; throws a 4xx DomainError when it may not be called. */
export function checkTarget(target: Target, policy: TargetPolicy, tenant: string): void {
  if (target.type === 'http') {
    checkTargetUrl(target.url, {
      ports: policy.httpTargetPorts ?? DEFAULT_HTTP_TARGET_PORTS,
      insecureHosts: policy.insecureHostsAllowed,
    });
    return;
  }
  const refusal = awsTargetRefusal(target, policy, tenant);
  if (refusal) throw refusal;
}

/**
 * Checks an HTTP target URL: no credentials, a port the policy allows, https unless the host is listed for
 * plain http on that port, and no internal IP literal unless listed likewise. Address-level SSRF checks
 * happen again at call time, after DNS resolution.
 */
export function checkTargetUrl(rawUrl: string, reach: HttpReach): void {
  const url = new URL(rawUrl);
  if (url.username || url.password) {
    throw new ValidationError('Credentials in the target URL are not accepted.', [
      { path: 'target.url', message: 'Pass credentials in target.headers instead of the URL.' },
    ]);
  }
  const host = hostOf(url);
  const port = portOf(url);
  const refusal = portRefusal(reach, host, port);
  if (refusal) {
    throw new ValidationError('The target port is not allowed.', [
      { path: 'target.url', message: `${refusal.charAt(0).toUpperCase()}${refusal.slice(1)}.` },
    ]);
  }
  if (url.protocol === 'http:' && !insecureAllowed(reach, host, port)) {
    throw new ValidationError('The target must use https.', [
      {
        path: 'target.url',
        message: `Plain http is allowed only for: ${reach.insecureHosts.map(formatInsecureHost).join(', ') || 'none'}.`,
      },
    ]);
  }
  if (internalLiteral(reach, host, port)) {
    throw new ValidationError('The target is an internal address.', [
      {
        path: 'target.url',
        message: `${host} is loopback, private or otherwise internal: use a public host.`,
      },
    ]);
  }
}
