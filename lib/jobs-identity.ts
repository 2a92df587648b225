import { CfnOutput, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  FeaturePlan,
  OAuthScope,
  ResourceServerScope,
  UserPool,
  type UserPoolClient,
  UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/**
 * A tenant's app client: a name (it may ask for jobs:read and jobs:write), or a name with its own scopes,
 * `['read']` for a client that can never get a token that writes. The tenant is the client id, so every
 * client, a read-only one included, is a tenant of its own and sees only its own jobs; read-only access to
 * a tenant's jobs is that tenant's client asking for the jobs:read scope alone.
 */
export type CognitoClient =
  | string
  | { readonly name: string; readonly scopes: readonly ['read'] | readonly ['read', 'write'] };

export interface JobsIdentityProps {
  /** One OAuth2 client-credentials app client per entry; each is its own tenant. */
  readonly clients: readonly CognitoClient[];
  /** Prefix of the Cognito hosted domain that serves /oauth2/token. */
  readonly domainPrefix: string;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * A Cognito user pool that issues machine-to-machine access tokens (OAuth2 client credentials) for the
 * jobs API: a resource server `scheduler` with the scopes `jobs:read` and `jobs:write`, and one app client
 * per tenant. The token's `sub` (the client id) is the tenant.
 */
export class JobsIdentity extends Construct {
  static readonly RESOURCE_SERVER = 'scheduler';
  readonly userPool: UserPool;
  readonly clients: UserPoolClient[];
  readonly readScope: string;
  readonly writeScope: string;
  /** The OAuth2 token endpoint of the pool's domain. */
  readonly tokenUrl: string;

  constructor(scope: Construct, id: string, props: JobsIdentityProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Pool', {
      selfSignUpEnabled: false,
      featurePlan: FeaturePlan.ESSENTIALS,
      passwordPolicy: {
        minLength: 14,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      removalPolicy: props.removalPolicy,
    });
    for (const rule of ['AwsSolutions-COG2', 'AwsSolutions-COG3', 'AwsSolutions-COG8']) {
      Validations.of(this.userPool).acknowledge({
        id: `AwsSolutions::${rule}`,
        reason:
          'The pool has no users: only app clients with the client-credentials grant, which MFA and threat protection do not apply to.',
      });
    }
    const read = new ResourceServerScope({ scopeName: 'jobs:read', scopeDescription: 'Read jobs and runs' });
    const write = new ResourceServerScope({
      scopeName: 'jobs:write',
      scopeDescription: 'Create, change and run jobs',
    });
    const server = new UserPoolResourceServer(this, 'ResourceServer', {
      userPool: this.userPool,
      identifier: JobsIdentity.RESOURCE_SERVER,
      scopes: [read, write],
    });
    this.readScope = `${JobsIdentity.RESOURCE_SERVER}/jobs:read`;
    this.writeScope = `${JobsIdentity.RESOURCE_SERVER}/jobs:write`;
    const domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    const byScope = { read, write };
    this.clients = clientsOf(props.clients).map(({ name, scopes }) => {
      const client = this.userPool.addClient(`Client-${name}`, {
        userPoolClientName: name,
        generateSecret: true,
        authFlows: {},
        oAuth: {
          flows: { clientCredentials: true },
          scopes: scopes.map((scope) => OAuthScope.resourceServer(server, byScope[scope])),
        },
      });
      new CfnOutput(Stack.of(this), `ClientId${name.replace(/[^A-Za-z0-9]/g, '')}`, {
        value: client.userPoolClientId,
      });
      return client;
    });
    new CfnOutput(Stack.of(this), 'UserPoolId', { value: this.userPool.userPoolId });
    this.tokenUrl = `${domain.baseUrl()}/oauth2/token`;
    new CfnOutput(Stack.of(this), 'TokenEndpoint', {
      value: this.tokenUrl,
      description: 'OAuth2 client-credentials token endpoint',
    });
  }

  /**
   * The issuer API Gateway checks tokens against. Built from the pool id rather than the pool's
   * `ProviderURL` attribute: the same value on AWS, and the local AWS does not implement that attribute.
   */
  get issuer(): string {
    return `https://cognito-idp.${Stack.of(this).region}.${Stack.of(this).urlSuffix}/${this.userPool.userPoolId}`;
  }
}

/** The clients with their scopes, checked: unique names, and scopes read or read and write. */
function clientsOf(
  clients: readonly CognitoClient[],
): Array<{ name: string; scopes: ReadonlyArray<'read' | 'write'> }> {
  const seen = new Set<string>();
  return clients.map((client) => {
    const { name, scopes } =
      typeof client === 'string' ? { name: client, scopes: ['read', 'write'] as const } : client;
    const output = name.replace(/[^A-Za-z0-9]/g, '');
    if (!output || seen.has(output)) {
      throw new Error(
        `Cognito client '${name}': names must be unique by their letters and digits (outputs ClientId<name>).`,
      );
    }
    seen.add(output);
    const valid = scopes.join(',') === 'read' || scopes.join(',') === 'read,write';
    if (!valid) throw new Error(`Cognito client '${name}': scopes must be ['read'] or ['read', 'write'].`);
    return { name, scopes };
  });
}
