import { App, type CfnElement, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ServiceFunction } from '../../lib/node-function.js';
import { SchedulerStack, type SchedulerStackProps } from '../../lib/scheduler-stack.js';

/** The fixed environment infra tests synthesize in. */
export const TEST_ENV = { account: '111122223333', region: 'eu-west-1' };

export interface SynthesizedStack {
  readonly stack: SchedulerStack;
  readonly template: Template;
}

/** The stack with these props, synthesized without bundling the Lambdas (assertions read the template only). */
export function synthStack(props: SchedulerStackProps = {}): SynthesizedStack {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new SchedulerStack(app, 'Scheduler', { env: TEST_ENV, ...props });
  return { stack, template: Template.fromStack(stack) };
}

/** The construct id, under the stack, of each service Lambda's construct. */
export const SERVICE_FUNCTION_IDS = {
  api: 'JobsApi',
  executor: 'Executor',
  reconciler: 'Reconciler',
  sorter: 'DeadLetterSorter',
} as const;
export type ServiceFunctionName = keyof typeof SERVICE_FUNCTION_IDS;

/** The service Lambda of the stack's construct with this id: found by id, not by its description. */
export function serviceFunction(stack: Stack, name: ServiceFunctionName): ServiceFunction {
  const construct = stack.node.findChild(SERVICE_FUNCTION_IDS[name]);
  const found = construct.node.findAll().find((child) => child instanceof ServiceFunction);
  if (!found) throw new Error(`no service function under ${SERVICE_FUNCTION_IDS[name]}`);
  return found as ServiceFunction;
}

/** The logical id of a service Lambda in the synthesized template. */
export function logicalIdOf(stack: Stack, name: ServiceFunctionName): string {
  return stack.getLogicalId(serviceFunction(stack, name).fn.node.defaultChild as CfnElement);
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/**
 * A CloudFormation value as a deployment would give it, in the form each kind of reference takes: a queue's
 * Ref is its URL, a secret's its ARN, GetAtt Arn an ARN, any other Ref a name.
 */
function resolved(value: unknown, resources: Resources): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const intrinsic = value as Record<string, unknown>;
  if ('Ref' in intrinsic) {
    const id = String(intrinsic.Ref);
    if (id === 'AWS::Region') return 'eu-west-1';
    if (id === 'AWS::AccountId') return '111122223333';
    if (id.startsWith('AWS::')) return id.slice(5).toLowerCase();
    const type = resources[id]?.Type;
    if (type === 'AWS::SQS::Queue') return `https://sqs.eu-west-1.amazonaws.com/111122223333/${id}`;
    if (type === 'AWS::SecretsManager::Secret')
      return `arn:aws:secretsmanager:eu-west-1:111122223333:secret:${id}`;
    return id;
  }
  if ('Fn::GetAtt' in intrinsic) {
    const [id, attribute] = intrinsic['Fn::GetAtt'] as [string, string];
    if (attribute === 'Arn')
      return `arn:aws:${resources[id]?.Type.split('::')[1]?.toLowerCase()}:eu-west-1:111122223333:${id}`;
    if (attribute === 'QueueUrl') return `https://sqs.eu-west-1.amazonaws.com/111122223333/${id}`;
    return `${id}-${attribute}`;
  }
  if ('Fn::Join' in intrinsic) {
    const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => resolved(part, resources)).join(separator);
  }
  throw new Error(`cannot resolve ${JSON.stringify(value)}`);
}

/** A service Lambda's environment as the deployed function would see it (references resolved to plausible values). */
export function environmentOf(
  template: Template,
  stack: Stack,
  name: ServiceFunctionName,
): NodeJS.ProcessEnv {
  const resources = template.toJSON().Resources as Resources;
  const fn = resources[logicalIdOf(stack, name)];
  const variables = (fn?.Properties?.Environment as { Variables?: Record<string, unknown> })?.Variables ?? {};
  return Object.fromEntries(
    Object.entries(variables).map(([key, value]) => [key, resolved(value, resources)]),
  );
}

/** A service Lambda's synthesized properties, found by construct id. */
export function functionProperties(
  { stack, template }: SynthesizedStack,
  name: ServiceFunctionName,
): Record<string, unknown> & { Environment: { Variables: Record<string, unknown> }; Role: unknown } {
  return template.toJSON().Resources[logicalIdOf(stack, name)].Properties;
}

/** The policy statements attached to a service Lambda's role, found by construct id. */
export function roleStatements(
  { stack, template }: SynthesizedStack,
  name: ServiceFunctionName,
): Array<{ Action: string | string[]; Resource: unknown; Effect?: string }> {
  const role = stack.getLogicalId(serviceFunction(stack, name).role.node.defaultChild as CfnElement);
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as Array<{ Ref?: string }>).some((ref) => ref.Ref === role))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}
