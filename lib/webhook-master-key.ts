import { type RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/**
 * The webhook signing master key: a 64-character random string from which each tenant's Standard Webhooks
 * secret is derived (HMAC-SHA256 over tenant and generation), so no tenant's secret is stored anywhere and
 * no tenant can learn another's. Tenants rotate their own secrets through the API; this key is not theirs.
 */
export class WebhookMasterKey extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string, props: { removalPolicy: RemovalPolicy }) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description: 'Master key every tenant webhook signing secret is derived from (HMAC-SHA256)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SMG4',
      reason:
        "Replacing the master key changes every tenant's derived signing secret at once, so it is never rotated on a timer; tenants rotate their own secrets without downtime through POST /api/signing-secret/rotate.",
    });
  }

  /** Lets a function read the key (the executor signs with it; the API hands tenants their secrets). */
  grantRead(grantee: IGrantable): void {
    this.secret.grantRead(grantee);
  }
}
