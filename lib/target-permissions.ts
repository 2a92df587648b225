import { Validations } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/** The IAM actions that calling a target of each allowlisted service needs. */
const ACTIONS: Record<string, string[]> = {
  sqs: ['sqs:SendMessage', 'sqs:GetQueueUrl'],
  events: ['events:PutEvents'],
  lambda: ['lambda:InvokeFunction'],
};

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
