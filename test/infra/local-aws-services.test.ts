import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { localStackProps } from '../../lib/local-development.js';
import { SchedulerStack } from '../../lib/scheduler-stack.js';
import { LOCALSTACK_SERVICES } from '../../localstack/local-aws.js';

/** CloudFormation's service namespace → LocalStack's SERVICES name. */
const LOCALSTACK_NAME: Record<string, string> = {
  ApiGatewayV2: 'apigateway',
  CloudWatch: 'cloudwatch',
  Cognito: 'cognito-idp',
  DynamoDB: 'dynamodb',
  Events: 'events',
  IAM: 'iam',
  Lambda: 'lambda',
  Logs: 'logs',
  SNS: 'sns',
  SQS: 'sqs',
  Scheduler: 'scheduler',
  SecretsManager: 'secretsmanager',
};

describe('the LocalStack service list', () => {
  it('covers every service the local stack (-c local=true) deploys', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new SchedulerStack(app, 'Local', {
      env: { account: '000000000000', region: 'us-east-1' },
      ...localStackProps('Local'),
    });
    const types = Object.values(
      Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string }>,
    )
      .map((resource) => resource.Type.split('::')[1] ?? '')
      .filter((namespace) => namespace !== 'CDK');
    const needed = [...new Set(types)].map(
      (namespace) => LOCALSTACK_NAME[namespace] ?? `unmapped:${namespace}`,
    );
    expect(needed.filter((service) => !(LOCALSTACK_SERVICES as readonly string[]).includes(service))).toEqual(
      [],
    );
  });
});
