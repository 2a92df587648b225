import { readFileSync } from 'node:fs';
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { localAws } from './local-aws.js';

/** The local AWS chosen by LOCAL_AWS: its endpoint, and where its Cognito serves the token endpoint. */
const { endpoint, tokenUrl } = localAws();

/** The outputs of the locally deployed stack, as localstack/deploy.sh saved them. */
export function localStackOutputs(
  stack = process.env.STACK_NAME ?? 'ServerlessScheduler',
): Record<string, string> {
  const file = new URL('../.local-aws/outputs.json', import.meta.url);
  try {
    return JSON.parse(readFileSync(file, 'utf8'))[stack];
  } catch {
    throw new Error("No deployed stack: run 'npm start' (or 'npm run deploy:local') first.");
  }
}

/** The tenants (app clients) of the locally deployed stack, from its `ClientId<tenant>` outputs. */
export function localTenants(outputs: Record<string, string> = localStackOutputs()): string[] {
  return Object.keys(outputs)
    .filter((key) => key.startsWith('ClientId'))
    .map((key) => key.slice('ClientId'.length))
    .sort();
}

/**
 * An access token for one of the local stack's tenants (`alpha`, `beta`; `monitor` only with
 * `['scheduler/jobs:read']`), by the OAuth2 client-credentials grant, exactly as a service would get one from
 * Cognito on AWS (there: the TokenEndpoint output).
 */
export async function clientToken(
  client: string,
  scopes = ['scheduler/jobs:read', 'scheduler/jobs:write'],
): Promise<string> {
  const outputs = localStackOutputs();
  const clientId = outputs[`ClientId${client}`];
  const userPoolId = outputs.UserPoolId;
  if (!clientId || !userPoolId) {
    const known = localTenants(outputs);
    throw new Error(
      `The local stack has no client '${client}'. Its tenants: ${known.join(', ') || 'none'} (e.g. npm run token -- ${known[0] ?? 'alpha'}).`,
    );
  }
  const cognito = new CognitoIdentityProviderClient({
    endpoint,
    region: process.env.AWS_REGION ?? 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const { UserPoolClient } = await cognito.send(
    new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }),
  );
  const basic = Buffer.from(`${clientId}:${UserPoolClient?.ClientSecret ?? ''}`).toString('base64');
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: scopes.join(' ') }),
  });
  const body = (await response.json()) as { access_token?: string; error?: string };
  if (!response.ok || !body.access_token)
    throw new Error(`token request failed: ${response.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

// `npm run token -- alpha [scope ...]` prints a token for curl.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [client = 'alpha', ...scopes] = process.argv.slice(2);
  try {
    process.stdout.write(`${await clientToken(client, scopes.length ? scopes : undefined)}\n`);
  } catch (error) {
    // A mistyped tenant or a stack not deployed is the user's to fix: say what, without a stack trace.
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
