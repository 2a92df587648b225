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

/** What the deployment lets a job's target reach. */
export interface TargetPolicy {
  /** Hosts an HTTP target may reach over plain http and at internal addresses, each on its ports. */
  readonly insecureHostsAllowed: readonly InsecureHost[];
  /** The ports HTTP targets may use (listed insecure hosts: their own). @default [443, 80] */
  readonly httpTargetPorts?: readonly number[];
  /** ARN patterns (`*` matches any run of characters) that SQS, EventBridge and Lambda targets must match. */
  readonly arnAllowlist: readonly string[];
}

export class TargetNotAllowedError extends DomainError {
  constructor(arn: string) {
    super(403, 'target_not_allowed', `The target ${arn} is not in this deployment's target allowlist.`, [
      { path: 'target', message: 'Ask the operator to add a matching ARN pattern to the stack.' },
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

/** Checks a target against the deployment's policy; throws a 4xx DomainError when it may not be called. */
export function checkTarget(target: Target, policy: TargetPolicy): void {
  if (target.type === 'http') {
    checkTargetUrl(target.url, {
      ports: policy.httpTargetPorts ?? DEFAULT_HTTP_TARGET_PORTS,
      insecureHosts: policy.insecureHostsAllowed,
    });
    return;
  }
  const arn = targetArnOf(target) ?? '';
  if (!policy.arnAllowlist.some((pattern) => arnMatches(pattern, arn))) throw new TargetNotAllowedError(arn);
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
