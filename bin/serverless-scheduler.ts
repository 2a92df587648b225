#!/usr/bin/env node
import { App, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { LOCAL_HTTP_TARGET_INSECURE_HOSTS } from '../lib/local-development.js';
import { SchedulerStack } from '../lib/scheduler-stack.js';

const app = new App();
// `-c local=true`: a development deployment on the local AWS. Callers authenticate with JWTs from a
// Cognito pool of the stack (the local AWS verifies JWTs; it does not verify SigV4), webhooks may use
// plain http to loopback on the ephemeral ports test receivers bind, AWS targets may be any queue, bus or
// function of the local account but the stack's own (named `<stack>-…`, refused whatever the allowlist says),
// and nothing is retained when the stack is deleted.
const local = String(app.node.tryGetContext('local')) === 'true';
const stackName: string = app.node.tryGetContext('stackName') ?? 'ServerlessScheduler';

new SchedulerStack(app, stackName, {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  ...(local
    ? {
        auth: {
          mode: 'cognito',
          // alpha and beta read and write; monitor, a tenant of its own, can only ever get read tokens
          // (health, schedule previews, its own empty job list): read-only access to alpha's jobs is alpha's
          // client asking for the jobs:read scope alone.
          clients: ['alpha', 'beta', { name: 'monitor', scopes: ['read'] }],
          domainPrefix: `${stackName.toLowerCase()}-local`,
        },
        httpTargetInsecureHosts: LOCAL_HTTP_TARGET_INSECURE_HOSTS,
        targetArnAllowlist: [
          'arn:aws:sqs:*:000000000000:*',
          'arn:aws:events:*:000000000000:event-bus/*',
          'arn:aws:lambda:*:000000000000:function:*',
        ],
        removalPolicy: RemovalPolicy.DESTROY,
        // Stack traces in TypeScript terms while developing; off on AWS, where it slows every cold start.
        sourceMaps: true,
      }
    : {}),
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
