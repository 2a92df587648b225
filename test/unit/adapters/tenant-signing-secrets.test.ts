import { describe, expect, it } from 'vitest';
import { httpTargetCaller, SIGNING_UNAVAILABLE } from '../../../lambdas/adapters/http-target.js';
import {
  GENERATIONS_CACHE_MS,
  tenantSigningSecretsResolver,
} from '../../../lambdas/adapters/tenant-signing-secrets.js';
import type { SigningGenerations } from '../../../lambdas/domain/signing-rotation.js';
import { tenantSigningSecrets } from '../../../lambdas/domain/tenant-signing-secret.js';
import { hostileTenantLedger } from '../../support/hostile-tenant.js';
import { InMemorySigningGenerations, TEST_MASTER_KEY } from '../../support/in-memory-signing.js';

function resolver() {
  const generations = new InMemorySigningGenerations();
  let now = 1_000_000;
  const resolve = tenantSigningSecretsResolver({
    masterKey: async () => TEST_MASTER_KEY,
    generations,
    nowMs: () => now,
  });
  return { resolve, generations, advance: (ms: number) => (now += ms) };
}
const rotating: SigningGenerations = { current: 1, next: 2, issued: 2, version: 1 };

describe("the executor's tenant signing secrets", () => {
  it("derives each tenant's own secrets from the master key and its generations", async () => {
    const { resolve, generations } = resolver();
    generations.states.set('alpha', rotating);
    expect(await resolve('alpha')).toEqual(tenantSigningSecrets(TEST_MASTER_KEY, 'alpha', rotating));
    expect(await resolve('beta')).toEqual(tenantSigningSecrets(TEST_MASTER_KEY, 'beta', { current: 1 }));
  });

  it('reads a tenant at most once per cache period, concurrent lookups included, and sees a rotation after it', async () => {
    const { resolve, generations, advance } = resolver();
    await Promise.all(Array.from({ length: 10 }, () => resolve('alpha')));
    await resolve('alpha');
    expect(generations.reads).toBe(1);
    generations.states.set('alpha', rotating);
    advance(GENERATIONS_CACHE_MS - 1);
    expect((await resolve('alpha')).next).toBeUndefined();
    advance(1);
    expect((await resolve('alpha')).next).toBeDefined();
    expect(generations.reads).toBe(2);
    expect(GENERATIONS_CACHE_MS).toBe(30_000);
  });

  it('forgets a failed read at once, so the next call tries again', async () => {
    const { resolve, generations } = resolver();
    const get = generations.get.bind(generations);
    generations.get = async () => Promise.reject(new Error('throttled'));
    await expect(resolve('alpha')).rejects.toThrow('throttled');
    generations.get = get;
    expect((await resolve('alpha')).current).toMatch(/^whsec_/);
  });
});

describe('hostile tenant: signing failures', () => {
  const ledger = hostileTenantLedger('signing failures');
  const target = {
    type: 'http' as const,
    url: 'https://example.com/hook',
    method: 'POST' as const,
    headers: {},
    timeoutSeconds: 5,
  };
  const fire = { jobId: 'job', runId: 'run', tenant: 'alpha', idempotencyKey: 'job/run' };

  it('shows the run a generic error, never the cause or any part of a secret', async () => {
    const leak = 'Unexpected token in JSON at position 0: {"masterKey":"s3cr3t-…';
    const call = httpTargetCaller({
      allowedHosts: [],
      signingSecrets: async () => Promise.reject(new SyntaxError(leak)),
    });
    const outcome = await call(target, { a: 1 }, fire);
    expect(outcome).toMatchObject({ ok: false, error: SIGNING_UNAVAILABLE });
    await ledger.attempt('the run error quotes the signing failure', () =>
      /s3cr3t|JSON|position/.test(outcome.error ?? ''),
    );
  });
});
