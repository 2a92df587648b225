import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { localStackOutputs } from '../../localstack/client-token.js';

/** A local tenant's Cognito app client (id, secret) and the token endpoint, as a service would be given them. */
export async function localClientCredentials(tenant: string) {
  const endpoint = process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4566';
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
  // The local Cognito serves /oauth2/token at the emulator's root; on AWS it is the TokenEndpoint output.
  return { clientId, clientSecret: UserPoolClient?.ClientSecret ?? '', tokenUrl: `${endpoint}/oauth2/token` };
}
