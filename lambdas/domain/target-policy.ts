import { ValidationError } from './errors.js';

/**
 * Checks an HTTP target URL against the deployment's policy: https is required, and plain http is accepted
 * only for hosts the operator allowlisted (local development allowlists loopback). Address-level SSRF checks
 * happen again at call time, after DNS resolution.
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
