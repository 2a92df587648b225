import { ROTATION_PROPAGATION_SECONDS, type SigningGenerations } from '../domain/signing-rotation.js';
import { tenantSigningSecrets } from '../domain/tenant-signing-secret.js';
import type { SigningSecrets } from '../domain/webhook-signature.js';
import type { SigningGenerationStore, SigningMasterKey } from '../use-cases/ports.js';

/**
 * How long an executor keeps a tenant's generations: a rotation step reaches every executor within this
 * time, and a tenant costs at most one GetItem per executor instance per period.
 */
export const GENERATIONS_CACHE_MS = ROTATION_PROPAGATION_SECONDS * 1000;
/** Tenants kept at once; the oldest entry goes first (a bound on memory, not a limit on tenants). */
const MAX_TENANTS = 1_000;

export interface TenantSigningSecretsOptions {
  readonly masterKey: SigningMasterKey;
  readonly generations: Pick<SigningGenerationStore, 'get'>;
  readonly nowMs?: () => number;
  readonly cacheMs?: number;
}

/**
 * The executor's view of signing secrets: a tenant's current (and next) secret, derived from the master key
 * and the tenant's generations. Lookups of one tenant share one read per period, concurrent ones included
 * (a batch of a tenant's fires makes one GetItem); a failed read is forgotten at once so the next call retries.
 */
export function tenantSigningSecretsResolver(
  options: TenantSigningSecretsOptions,
): (tenant: string) => Promise<SigningSecrets> {
  const nowMs = options.nowMs ?? Date.now;
  const cacheMs = options.cacheMs ?? GENERATIONS_CACHE_MS;
  const cache = new Map<string, { generations: Promise<SigningGenerations>; until: number }>();

  const generationsOf = (tenant: string): Promise<SigningGenerations> => {
    const cached = cache.get(tenant);
    if (cached && cached.until > nowMs()) return cached.generations;
    cache.delete(tenant);
    if (cache.size >= MAX_TENANTS) cache.delete(cache.keys().next().value as string);
    const generations = options.generations.get(tenant);
    const entry = { generations, until: nowMs() + cacheMs };
    cache.set(tenant, entry);
    generations.catch(() => {
      if (cache.get(tenant) === entry) cache.delete(tenant);
    });
    return generations;
  };

  return async (tenant) => {
    const [masterKey, generations] = await Promise.all([options.masterKey(), generationsOf(tenant)]);
    return tenantSigningSecrets(masterKey, tenant, generations);
  };
}
