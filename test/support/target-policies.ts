import { parseInsecureHost } from '../../lambdas/domain/http-reach.js';
import type { TargetPolicy } from '../../lambdas/domain/target-policy.js';

/** The name prefix of the stack's own resources in tests: what a deployed stack named `Scheduler` uses. */
export const TEST_SERVICE_PREFIX = 'Scheduler-';

/**
 * A policy that lets jobs reach any AWS target but the stack's own (for tests about something else), and
 * plain http to loopback.
 */
export const openTargetPolicy: TargetPolicy = {
  insecureHostsAllowed: ['127.0.0.1:32768-60999', 'localhost:32768-60999', '[::1]:32768-60999'].map(
    parseInsecureHost,
  ),
  arnAllowlist: ['arn:*'],
  serviceResourcePrefix: TEST_SERVICE_PREFIX,
};
