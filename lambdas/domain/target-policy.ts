import { DomainError, ValidationError } from './errors.js';
import { type Target, targetArnOf } from './target.js';

/** What the deployment lets a job's target reach. */
export interface TargetPolicy {
  /** Hosts an HTTP target may reach over plain http (local development: loopback). */
  readonly insecureHostsAllowed: readonly string[];
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
    checkTargetUrl(target.url, policy.insecureHostsAllowed);
    return;
  }
  const arn = targetArnOf(target) ?? '';
  if (!policy.arnAllowlist.some((pattern) => arnMatches(pattern, arn))) throw new TargetNotAllowedError(arn);
}

/**
 * Checks an HTTP target URL: https is required, and plain http is accepted only for allowlisted hosts.
 * Address-level SSRF checks happen again at call time, after DNS resolution.
 */
export function checkTargetUrl(rawUrl: string, insecureHostsAllowed: readonly string[]): void {
  const url = new URL(rawUrl);
  if (url.username || url.password) {
    throw new ValidationError('Credentials in the target URL are not accepted.', [
      { path: 'target.url', message: 'Pass credentials in target.headers instead of the URL.' },
    ]);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (url.protocol === 'http:' && !insecureHostsAllowed.includes(host)) {
    throw new ValidationError('The target must use https.', [
      {
        path: 'target.url',
        message: `Plain http is allowed only for: ${insecureHostsAllowed.join(', ') || 'none'}.`,
      },
    ]);
  }
}
