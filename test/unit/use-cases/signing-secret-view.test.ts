import { describe, expect, it } from 'vitest';
import { ROTATION_PROPAGATION_SECONDS } from '../../../lambdas/domain/signing-rotation.js';
import { tenantSigningSecret } from '../../../lambdas/domain/tenant-signing-secret.js';
import { getSigningSecret, rotateSigningSecret } from '../../../lambdas/use-cases/signing-secret.js';
import { InMemorySigningGenerations, TEST_MASTER_KEY } from '../../support/in-memory-signing.js';
import { inMemoryApiDeps } from '../../support/use-case-deps.js';

const TENANT = 'alpha';
const secretOf = (generation: number) => ({
  generation,
  secret: tenantSigningSecret(TEST_MASTER_KEY, TENANT, generation),
});

describe('what the signing-secret routes answer', () => {
  it('after a completed rotation: the new current secret and when it became current, nothing of the rotation', async () => {
    const env = inMemoryApiDeps();
    await rotateSigningSecret(env.deps, TENANT, { phase: 'begin' });
    env.clock.advance(60_000);
    const completed = await rotateSigningSecret(env.deps, TENANT, { phase: 'complete', generation: 2 });
    const expected = {
      current: secretOf(2),
      rotatedAt: '2026-11-27T10:01:00.000Z',
      propagationSeconds: ROTATION_PROPAGATION_SECONDS,
    };
    expect(completed).toStrictEqual(expected);
    expect(await getSigningSecret(env.deps, TENANT)).toStrictEqual(expected);
  });

  it('shows no rotation under way for a stored state that kept a start time but has no next generation', async () => {
    const env = inMemoryApiDeps();
    env.signingGenerations.states.set(TENANT, {
      current: 2,
      issued: 2,
      rotationStartedAt: '2026-11-01T00:00:00.000Z',
      rotatedAt: '2026-11-02T00:00:00.000Z',
      version: 2,
    });
    expect(await getSigningSecret(env.deps, TENANT)).toStrictEqual({
      current: secretOf(2),
      rotatedAt: '2026-11-02T00:00:00.000Z',
      propagationSeconds: ROTATION_PROPAGATION_SECONDS,
    });
  });

  it('says signing is unavailable and to retry when the master key cannot be read, naming only the error kind', async () => {
    const env = inMemoryApiDeps();
    const deps = { ...env.deps, signingMasterKey: () => Promise.reject(new TypeError('fetch failed')) };
    await expect(getSigningSecret(deps, TENANT)).rejects.toThrow(
      'Webhook signing is unavailable (TypeError); retry the request.',
    );
  });

  it('says which body it refuses', async () => {
    const env = inMemoryApiDeps();
    await expect(rotateSigningSecret(env.deps, TENANT, { phase: 'rotate' })).rejects.toThrow(
      'The rotation request is not valid.',
    );
  });

  it('gives up after three writes lost to concurrent rotations', async () => {
    const env = inMemoryApiDeps();
    const store = new InMemorySigningGenerations();
    let saves = 0;
    store.save = async () => {
      saves++;
      return false;
    };
    await expect(
      rotateSigningSecret({ ...env.deps, signingGenerations: store }, TENANT, { phase: 'begin' }),
    ).rejects.toMatchObject({ code: 'signing_rotation_contended' });
    expect(saves).toBe(3);
  });
});
