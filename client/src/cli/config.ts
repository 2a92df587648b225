import type { Authenticator } from '../auth/authenticator.js';
import { bearerToken } from '../auth/bearer.js';
import { cognitoClientCredentials } from '../auth/cognito.js';
import { iam, regionOfApiUrl } from '../auth/iam.js';
import { SchedulerClient } from '../client.js';
import { type OptionSpec, type OptionValues, stringOption } from './command.js';
import { UsageError } from './usage-error.js';

/** The flags every command takes; each also read from the environment variable named in its help. */
export const connectionOptions: Record<string, OptionSpec> = {
  'api-url': { type: 'string', value: '<url>', description: 'The API base URL [SCHEDULER_API_URL]' },
  auth: {
    type: 'string',
    value: '<mode>',
    description:
      'bearer | cognito | iam [SCHEDULER_AUTH]; default: bearer with a token, cognito with a client id, else iam',
  },
  token: { type: 'string', value: '<jwt>', description: 'Bearer token [SCHEDULER_TOKEN]' },
  'client-id': { type: 'string', value: '<id>', description: 'Cognito app client id [SCHEDULER_CLIENT_ID]' },
  'client-secret': {
    type: 'string',
    value: '<secret>',
    description: 'Cognito app client secret [SCHEDULER_CLIENT_SECRET]',
  },
  'token-url': {
    type: 'string',
    value: '<url>',
    description: 'OAuth2 token endpoint, the stack’s TokenEndpoint [SCHEDULER_TOKEN_URL]',
  },
  scopes: {
    type: 'string',
    value: '<scopes>',
    description: 'Space-separated scopes to ask for [SCHEDULER_SCOPES]',
  },
  region: {
    type: 'string',
    value: '<region>',
    description: 'Region for IAM signing [AWS_REGION]; default: read from the API URL',
  },
  output: { type: 'string', short: 'o', value: '<format>', description: 'table (default) | json' },
  help: { type: 'boolean', short: 'h', description: 'Show help' },
};

/** The authenticator the flags and environment select. */
export function authenticatorFrom(
  apiUrl: string,
  options: OptionValues,
  env: Readonly<Record<string, string | undefined>>,
  doFetch?: typeof fetch,
): Authenticator {
  const setting = (flag: string, variable: string) => stringOption(options, flag) ?? env[variable];
  const token = setting('token', 'SCHEDULER_TOKEN');
  const clientId = setting('client-id', 'SCHEDULER_CLIENT_ID');
  const mode = setting('auth', 'SCHEDULER_AUTH') ?? (token ? 'bearer' : clientId ? 'cognito' : 'iam');
  switch (mode) {
    case 'bearer':
      if (!token) throw new UsageError('Bearer auth needs --token or SCHEDULER_TOKEN.');
      return bearerToken(token);
    case 'cognito': {
      const clientSecret = setting('client-secret', 'SCHEDULER_CLIENT_SECRET');
      const tokenUrl = setting('token-url', 'SCHEDULER_TOKEN_URL');
      if (!clientId || !clientSecret || !tokenUrl)
        throw new UsageError(
          'Cognito auth needs --client-id, --client-secret and --token-url (or SCHEDULER_CLIENT_ID, SCHEDULER_CLIENT_SECRET, SCHEDULER_TOKEN_URL).',
        );
      const scopes = setting('scopes', 'SCHEDULER_SCOPES')
        ?.split(/[\s,]+/)
        .filter(Boolean);
      return cognitoClientCredentials({
        tokenUrl,
        clientId,
        clientSecret,
        ...(scopes?.length ? { scopes } : {}),
        ...(doFetch ? { fetch: doFetch } : {}),
      });
    }
    case 'iam': {
      const region = stringOption(options, 'region') ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
      if (!region && !regionOfApiUrl(new URL(apiUrl)))
        throw new UsageError(
          'No credentials configured: set SCHEDULER_TOKEN (bearer), SCHEDULER_CLIENT_ID/SECRET and SCHEDULER_TOKEN_URL (Cognito), or AWS_REGION for IAM.',
        );
      return iam(region ? { region } : {});
    }
    default:
      throw new UsageError(`Unknown auth mode '${mode}': use bearer, cognito or iam.`);
  }
}

/** The API client the flags and environment describe. */
export function clientFrom(
  options: OptionValues,
  env: Readonly<Record<string, string | undefined>>,
  doFetch?: typeof fetch,
): SchedulerClient {
  const baseUrl = stringOption(options, 'api-url') ?? env.SCHEDULER_API_URL;
  if (!baseUrl) throw new UsageError('No API URL: pass --api-url or set SCHEDULER_API_URL.');
  try {
    new URL(baseUrl);
  } catch {
    throw new UsageError(`Not a URL: '${baseUrl}'.`);
  }
  return new SchedulerClient({
    baseUrl,
    auth: authenticatorFrom(baseUrl, options, env, doFetch),
    ...(doFetch ? { fetch: doFetch } : {}),
  });
}
