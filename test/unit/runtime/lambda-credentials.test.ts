import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  credentialsTreatedAsExpired,
  credentialsWillNeedRefresh,
  defaultProvider,
} from '../../../lambdas/runtime/lambda-credentials.js';

const VARS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
];

function withEnv(values: Record<string, string>) {
  for (const name of VARS) vi.stubEnv(name, values[name] ?? '');
}

describe('the Lambda credential provider that replaces the default chain in bundles', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('returns the role credentials Lambda puts in the environment', async () => {
    withEnv({
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'token',
    });
    await expect(defaultProvider()()).resolves.toMatchObject({
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'token',
    });
  });

  it('fails with the SDK credential error when there are neither environment credentials nor a URI', async () => {
    withEnv({});
    await expect(defaultProvider()()).rejects.toMatchObject({ name: 'CredentialsProviderError' });
  });

  it('asks the container credentials endpoint when only a credentials URI is set', async () => {
    // The container provider refuses a plain-HTTP URI outside the container hosts before any request: its
    // error proves the path was taken without touching the network.
    withEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://192.0.2.1/creds' });
    const failure = defaultProvider()();
    await expect(failure).rejects.toMatchObject({ name: 'CredentialsProviderError' });
    await expect(failure).rejects.toThrow(/URL not accepted/);
  });

  it('caches what it found, as the default chain does (the SDK relies on it), and fetches expiring ones again', async () => {
    withEnv({ AWS_ACCESS_KEY_ID: 'FIRST', AWS_SECRET_ACCESS_KEY: 'secret' });
    const lasting = defaultProvider();
    await expect(lasting()).resolves.toMatchObject({ accessKeyId: 'FIRST' });
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'SECOND');
    await expect(lasting()).resolves.toMatchObject({ accessKeyId: 'FIRST' });

    withEnv({
      AWS_ACCESS_KEY_ID: 'FIRST',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_CREDENTIAL_EXPIRATION: new Date(Date.now() + 60_000).toISOString(),
    });
    const expiring = defaultProvider();
    await expect(expiring()).resolves.toMatchObject({ accessKeyId: 'FIRST' });
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'SECOND');
    await expect(expiring()).resolves.toMatchObject({ accessKeyId: 'SECOND' });
  });

  it('refreshes expiring credentials five minutes early, as the default chain does', () => {
    const soon = { expiration: new Date(Date.now() + 60_000) };
    const later = { expiration: new Date(Date.now() + 3_600_000) };
    expect(credentialsTreatedAsExpired(soon)).toBe(true);
    expect(credentialsTreatedAsExpired(later)).toBe(false);
    expect(credentialsTreatedAsExpired({})).toBe(false);
    expect(credentialsWillNeedRefresh(later)).toBe(true);
    expect(credentialsWillNeedRefresh({})).toBe(false);
  });
});
