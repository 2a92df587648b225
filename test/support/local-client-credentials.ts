import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { localStackOutputs } from '../../localstack/client-token.js';
import { localAws } from '../../localstack/local-aws.js';

/** A local tenant's Cognito app client (id, secret) and the token endpoint, as a service would be given them. */
export async function localClientCredentials(tenant: string) {
  const { endpoint, tokenUrl } = localAws();
  const outputs = localStackOutputs();
  const clientId = outputs[`ClientId${tenant}`];
  if (!clientId || !outputs.UserPoolId) throw new Error(`The local stack has no client '${tenant}'.`);
  const cognito = new CognitoIdentityProviderClient({
    endpoint,
    region: process.env.AWS_REGION ?? 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const { UserPoolClient } = await cognito.send(
    new DescribeUserPoolClientCommand({ UserPoolId: outputs.UserPoolId, ClientId: clientId }),
  );
  // Where the local Cognito serves its token endpoint depends on the emulator; on AWS it is the TokenEndpoint output.
  return { clientId, clientSecret: UserPoolClient?.ClientSecret ?? '', tokenUrl };
}
