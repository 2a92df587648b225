#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { localStackProps } from '../lib/local-development.js';
import { SchedulerStack } from '../lib/scheduler-stack.js';

const app = new App();
// `-c local=true`: a development deployment on the local AWS (see localStackProps).
const local = String(app.node.tryGetContext('local')) === 'true';
const stackName: string = app.node.tryGetContext('stackName') ?? 'ServerlessScheduler';

new SchedulerStack(app, stackName, {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  ...(local ? localStackProps(stackName) : {}),
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
