#!/usr/bin/env node
import { App, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SchedulerStack } from '../lib/scheduler-stack.js';

const app = new App();
// `-c local=true`: a development deployment on the local AWS (loopback webhooks allowed, nothing retained).
const local = app.node.tryGetContext('local') === 'true' || app.node.tryGetContext('local') === true;

new SchedulerStack(app, app.node.tryGetContext('stackName') ?? 'ServerlessScheduler', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  httpTargetInsecureHosts: local ? ['127.0.0.1', 'localhost', '::1'] : [],
  removalPolicy: local ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
