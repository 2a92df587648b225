import { afterEach, describe, expect, it } from 'vitest';
import { cognitoClientCredentials, SchedulerAuthError, SchedulerClient } from '../../../client/src/index.js';
import { jobAnswer, startFakeApi } from './fake-api.js';

let servers: Awaited<ReturnType<typeof startFakeApi>>[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

/** A token endpoint minting `token-1`, `token-2`… each valid for `lifetimeSeconds`. */
async function tokenEndpoint(lifetimeSeconds = 3600) {
  let minted = 0;
  const server = await startFakeApi((request) => {
    if (request.headers.authorization !== `Basic ${btoa('client-a:secret-a')}`)
      return { status: 400, body: { error: 'invalid_client' } };
    minted += 1;
    return {
      status: 200,
      body: { access_token: `token-${minted}`, expires_in: lifetimeSeconds, token_type: 'Bearer' },
    };
  });
  servers.push(server);
  return server;
}

describe('Cognito client credentials', () => {
  it('fetches one token for many calls, asking for the scopes given', async () => {
    const tokens = await tokenEndpoint();
    const auth = cognitoClientCredentials({
      tokenUrl: `${tokens.url}/oauth2/token`,
      clientId: 'client-a',
      clientSecret: 'secret-a',
      scopes: ['scheduler/jobs:read', 'scheduler/jobs:write'],
    });

    const tokensSeen = await Promise.all([auth.token(), auth.token(), auth.token()]);

    expect(tokensSeen).toEqual(['token-1', 'token-1', 'token-1']);
    expect(tokens.requests).toHaveLength(1);
    const form = new URLSearchParams(tokens.requests[0]?.body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('scope')).toBe('scheduler/jobs:read scheduler/jobs:write');
  });

  it('renews the token before it expires', async () => {
    const tokens = await tokenEndpoint(3600);
    let now = 0;
    const auth = cognitoClientCredentials({
      tokenUrl: tokens.url,
      clientId: 'client-a',
      clientSecret: 'secret-a',
      refreshBeforeSeconds: 60,
      now: () => now,
    });

    expect(await auth.token()).toBe('token-1');
    now = 3_539_000; // 61 s before expiry: still good
    expect(await auth.token()).toBe('token-1');
    now = 3_541_000; // inside the last minute: renewed
    expect(await auth.token()).toBe('token-2');
  });

  it('after a 401 from the API, fetches a new token and retries once', async () => {
    const tokens = await tokenEndpoint();
    const api = await startFakeApi((request) =>
      request.headers.authorization === 'Bearer token-2'
        ? { status: 200, body: jobAnswer() }
        : { status: 401, body: { message: 'Unauthorized' } },
    );
    servers.push(api);
    const client = new SchedulerClient({
      baseUrl: api.url,
      auth: cognitoClientCredentials({
        tokenUrl: tokens.url,
        clientId: 'client-a',
        clientSecret: 'secret-a',
      }),
    });

    await expect(client.getJob('01JOB')).resolves.toMatchObject({ name: 'nightly-report' });
    expect(api.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('refused client credentials are a SchedulerAuthError', async () => {
    const tokens = await tokenEndpoint();
    const auth = cognitoClientCredentials({
      tokenUrl: tokens.url,
      clientId: 'client-a',
      clientSecret: 'wrong',
    });

    await expect(auth.token()).rejects.toBeInstanceOf(SchedulerAuthError);
  });
});
