import { type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/**
 * The secret holding the HMAC keys webhook calls are signed with: `{"current": "...", "next": "..."}`. The
 * executor signs with both while `next` is set, so receivers can switch keys before `current` is replaced.
 */
export class WebhookSigningKeys extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string, props: { removalPolicy: RemovalPolicy }) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description: 'HMAC-SHA256 keys for signing webhook calls: {"current": "...", "next": "..."}',
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'current',
        passwordLength: 48,
        excludePunctuation: true,
      },
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SMG4',
      reason:
        'Rotation needs the receivers to take the new key first: it is the documented two-key procedure (next, then current), not an automatic Lambda rotation.',
    });
  }
}
