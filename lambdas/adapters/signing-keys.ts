import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SigningKeys } from '../domain/webhook-signature.js';

/** Keys are read again after this long, so a rotation reaches running executors within minutes. */
const CACHE_MS = 5 * 60_000;

/**
 * The webhook signing keys from a Secrets Manager secret holding `{"current": "...", "next": "..."}`,
 * cached for five minutes.
 */
export function secretSigningKeys(
  client: SecretsManagerClient,
  secretId: string,
): () => Promise<SigningKeys> {
  let cached: { keys: SigningKeys; until: number } | undefined;
  return async () => {
    if (cached && cached.until > Date.now()) return cached.keys;
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    const parsed = JSON.parse(SecretString ?? '{}') as Partial<SigningKeys>;
    if (!parsed.current) throw new Error(`secret ${secretId} has no "current" signing key`);
    const keys = { current: parsed.current, ...(parsed.next ? { next: parsed.next } : {}) };
    cached = { keys, until: Date.now() + CACHE_MS };
    return keys;
  };
}
