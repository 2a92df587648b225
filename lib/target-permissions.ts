import { Aws, Validations } from 'aws-cdk-lib';
import { Effect, type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import type { LambdaEnvironment } from '../lambdas/environment.js';

/** The IAM actions that calling a target of each allowlisted service needs. */
const ACTIONS: Record<string, string[]> = {
  sqs: ['sqs:SendMessage', 'sqs:GetQueueUrl'],
  events: ['events:PutEvents'],
  lambda: ['lambda:InvokeFunction'],
};

/** Which AWS targets jobs may call: the same for the API (at create and update) and the executor (each call). */
export interface TargetAllowlists {
  /** ARN patterns of every tenant without a list of its own. */
  readonly targetArnAllowlist: readonly string[];
  /** Per-tenant ARN patterns, instead of `targetArnAllowlist` for the tenants listed. */
  readonly tenantTargetArnAllowlists: Readonly<Record<string, readonly string[]>>;
  /** Prefix of the names of the stack's queues, functions and buses: never a target. */
  readonly serviceResourcePrefix: string;
}

/** Lambda environments hold 4 KB in all; the per-tenant lists get at most this much of it. */
const MAX_TENANT_LISTS_JSON = 2_048;

/** The environment variables lambdas/config.ts reads the target policy from. */
export function targetPolicyEnvironment(lists: TargetAllowlists): LambdaEnvironment {
  const tenantLists = JSON.stringify(lists.tenantTargetArnAllowlists);
  if (tenantLists.length > MAX_TENANT_LISTS_JSON) {
    throw new Error(
      `tenantTargetArnAllowlists takes ${tenantLists.length} characters as JSON; Lambda environments allow ${MAX_TENANT_LISTS_JSON} for it: use fewer, wider patterns.`,
    );
  }
  return {
    TARGET_ARN_ALLOWLIST: lists.targetArnAllowlist.join(','),
    TENANT_TARGET_ARN_ALLOWLISTS: tenantLists,
    SERVICE_RESOURCE_PREFIX: lists.serviceResourcePrefix,
  };
}

/** Every pattern of every list, once: what the executor's IAM policy must allow. */
export function allowlistUnion(lists: TargetAllowlists): string[] {
  return [
    ...new Set([...lists.targetArnAllowlist, ...Object.values(lists.tenantTargetArnAllowlists).flat()]),
  ];
}

/**
 * Grants `grantee` exactly the calls needed to reach targets matching the allowlist, and nothing beyond the
 * patterns: the same list the API checks targets against. Throws on a pattern that does not name one of
 * the supported services explicitly (e.g. `arn:aws:*:...`), since it could not be scoped.
 */
export function grantTargetCalls(grantee: IGrantable & IConstruct, allowlist: readonly string[]): void {
  const byService = new Map<string, string[]>();
  for (const pattern of allowlist) {
    const service = pattern.split(':')[2] ?? '';
    if (!ACTIONS[service] || !pattern.startsWith('arn:')) {
      throw new Error(
        `Target allowlist pattern '${pattern}' must be an ARN pattern of sqs, events or lambda, e.g. arn:aws:sqs:eu-west-1:123456789012:jobs-*`,
      );
    }
    byService.set(service, [...(byService.get(service) ?? []), pattern]);
    if (pattern.includes('*')) {
      // On the parent: the policy belongs to the function's role, a sibling of the function.
      Validations.of(grantee.node.scope ?? grantee).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::${pattern}]`,
        reason: 'An operator-configured target allowlist pattern; the API refuses every target outside it.',
      });
    }
  }
  for (const [service, resources] of byService) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ACTIONS[service], resources }),
    );
  }
}

/** The stack's own resources by kind, by name. */
export interface ServiceResourceNames {
  readonly prefix: string;
  readonly queues: readonly string[];
  readonly eventBuses: readonly string[];
}

/**
 * Denies `grantee` the target calls on the stack's own resources, whatever an allowlist grants: invoking any
 * function named with the prefix, sending to the queues and putting events on the buses listed. Resources
 * the grantee needs itself (the executor's DLQ and run-event bus) are left out by the caller; for those the
 * runtime check (lambdas/domain/target-policy.ts) is the control.
 */
export function denyServiceTargets(grantee: IGrantable, names: ServiceResourceNames): void {
  const arn = (service: string, resource: string) => `arn:${Aws.PARTITION}:${service}:*:*:${resource}`;
  const deny = (actions: string[], resources: string[]) => {
    if (resources.length === 0) return;
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ effect: Effect.DENY, actions, resources }),
    );
  };
  // By pattern: the executor invokes no function of the stack, not even itself.
  deny(['lambda:InvokeFunction'], [arn('lambda', `function:${names.prefix}*`)]);
  deny(
    ['sqs:SendMessage'],
    names.queues.map((name) => arn('sqs', name)),
  );
  deny(
    ['events:PutEvents'],
    names.eventBuses.map((name) => arn('events', `event-bus/${name}`)),
  );
}
