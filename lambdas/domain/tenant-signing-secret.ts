import { createHmac } from 'node:crypto';
import type { SigningGenerations } from './signing-rotation.js';
import { SECRET_PREFIX, type SigningSecrets } from './webhook-signature.js';

/** Separates these derivations from any other use of the master key, and versions the scheme. */
const DOMAIN = 'serverless-scheduler/webhook-signing-secret/v1';

/**
 * A tenant's webhook signing secret of one generation: HMAC-SHA256(master key, domain ‖ tenant ‖ generation)
 * as a Standard Webhooks `whsec_` secret (32 key bytes). Nothing secret is stored per tenant; the tenant is
 * length-prefixed, so no two (tenant, generation) pairs encode alike, and without the master key one
 * tenant's secret says nothing about another's.
 */
export function tenantSigningSecret(masterKey: string, tenant: string, generation: number): string {
  if (!Number.isSafeInteger(generation) || generation < 1)
    throw new Error('a generation is a whole number ≥ 1');
  const key = createHmac('sha256', masterKey)
    .update(`${DOMAIN}\u0000${Buffer.byteLength(tenant, 'utf8')}:${tenant}\u0000${generation}`, 'utf8')
    .digest();
  return `${SECRET_PREFIX}${key.toString('base64')}`;
}

/** The secrets a tenant's calls are signed with now: current, and next during a rotation. */
export function tenantSigningSecrets(
  masterKey: string,
  tenant: string,
  generations: Pick<SigningGenerations, 'current' | 'next'>,
): SigningSecrets {
  return {
    current: tenantSigningSecret(masterKey, tenant, generations.current),
    ...(generations.next ? { next: tenantSigningSecret(masterKey, tenant, generations.next) } : {}),
  };
}
