import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SigningMasterKey } from '../use-cases/ports.js';

/** The master key is read again after this long (it changes only when an operator replaces it). */
const CACHE_MS = 5 * 60_000;
/** Shorter keys are refused: the stack generates 64 characters. */
const MIN_LENGTH = 32;

/** The master key could not be had. Its message never quotes the secret's value. */
export class SigningMasterKeyError extends Error {
  override readonly name = 'SigningMasterKeyError';
}

/**
 * The webhook signing master key: the whole string value of a Secrets Manager secret, cached for five
 * minutes. A failed read is not cached, so the next call tries again.
 */
export function secretMasterKey(client: SecretsManagerClient, secretId: string): SigningMasterKey {
  let cached: { key: string; until: number } | undefined;
  return async () => {
    if (cached && cached.until > Date.now()) return cached.key;
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (!SecretString || SecretString.length < MIN_LENGTH) {
      throw new SigningMasterKeyError(
        `secret ${secretId} holds no signing master key of at least ${MIN_LENGTH} characters`,
      );
    }
    cached = { key: SecretString, until: Date.now() + CACHE_MS };
    return SecretString;
  };
}
