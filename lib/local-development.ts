import { RemovalPolicy } from 'aws-cdk-lib';
import { localAws } from '../localstack/local-aws.js';
import type { SchedulerStackProps } from './scheduler-stack.js';

/**
 * What the local stack (`-c local=true`) lets HTTP targets reach besides public https hosts: loopback, over
 * plain http, on Linux's ephemeral ports only (32768–60999, /proc/sys/net/ipv4/ip_local_port_range), where
 * test receivers listening on port 0 bind. The emulator's own 4566 and a Lambda Runtime API's 9001 stay out
 * of reach.
 */
export const LOCAL_HTTP_TARGET_INSECURE_HOSTS: readonly string[] = [
  '127.0.0.1:32768-60999',
  'localhost:32768-60999',
  '[::1]:32768-60999',
];

/**
 * The props of a development deployment on the local AWS (`-c local=true`). Callers authenticate with JWTs from
 * a Cognito pool of the stack (the local AWS verifies JWTs; it does not verify SigV4), webhooks may use plain
 * http to loopback on the ephemeral ports test receivers bind, AWS targets may be any queue, bus or function of
 * the local account but the stack's own (named `<stack>-…`, refused whatever the allowlist says), and nothing
 * is retained when the stack is deleted.
 */
export function localStackProps(stackName: string): SchedulerStackProps {
  return {
    auth: {
      mode: 'cognito',
      // alpha and beta read and write; monitor, a tenant of its own, can only ever get read tokens (health,
      // schedule previews, its own empty job list): read-only access to alpha's jobs is alpha's client asking
      // for the jobs:read scope alone. contract is the tenant schemathesis fuzzes the API as
      // (test/e2e/contract.test.ts), so its writes never spend alpha's or beta's rate limits.
      clients: ['alpha', 'beta', { name: 'monitor', scopes: ['read'] }, 'contract'],
      domainPrefix: `${stackName.toLowerCase()}-local`,
    },
    httpTargetInsecureHosts: LOCAL_HTTP_TARGET_INSECURE_HOSTS,
    targetArnAllowlist: [
      'arn:aws:sqs:*:000000000000:*',
      'arn:aws:events:*:000000000000:event-bus/*',
      'arn:aws:lambda:*:000000000000:function:*',
    ],
    // The emulator serves every pool's token endpoint at one URL of its own, not at the pool's domain.
    console: { tokenUrl: localAws().tokenUrl },
    removalPolicy: RemovalPolicy.DESTROY,
    // Stack traces in TypeScript terms while developing; off on AWS, where it slows every cold start.
    sourceMaps: true,
  };
}
