import * as z from 'zod/mini';
import { DependencyFailedError, SigningRotationContendedError } from '../domain/errors.js';
import {
  ROTATION_PROPAGATION_SECONDS,
  rotated,
  type SigningGenerations,
} from '../domain/signing-rotation.js';
import { tenantSigningSecret } from '../domain/tenant-signing-secret.js';
import { parseWith } from '../domain/validation.js';
import type { Clock, SigningGenerationStore, SigningMasterKey } from './ports.js';

export interface SigningSecretDeps {
  readonly signingGenerations: SigningGenerationStore;
  readonly signingMasterKey: SigningMasterKey;
  readonly clock: Clock;
}

export const RotationRequestSchema = z.lazy(() =>
  z.strictObject({
    phase: z
      .enum(['begin', 'complete', 'cancel'])
      .check(
        z.describe(
          'begin: issue the next secret and sign with both; complete: sign with the next one alone; cancel: drop the next one',
        ),
      ),
    generation: z.optional(
      z
        .int()
        .check(
          z.minimum(1),
          z.describe('For complete: the generation to make current (a repeated complete then answers 200)'),
        ),
    ),
  }),
);

/** A tenant's signing secrets, as GET /api/signing-secret and the rotate route answer. */
export interface SigningSecretView {
  readonly current: { readonly generation: number; readonly secret: string };
  readonly next?: { readonly generation: number; readonly secret: string };
  /** When the rotation in progress began. */
  readonly rotationStartedAt?: string;
  /** From when every call carries a signature with `next` (switch receivers to `next` after this). */
  readonly signedWithNextFrom?: string;
  /** When the last rotation completed. */
  readonly rotatedAt?: string;
  /** How long a rotation step takes to reach every executor. */
  readonly propagationSeconds: number;
}

/** Writes lost to concurrent rotations before the request gives up with a 409. */
const MAX_WRITES = 3;

async function masterKeyOf(deps: SigningSecretDeps): Promise<string> {
  try {
    return await deps.signingMasterKey();
  } catch (error) {
    throw new DependencyFailedError(
      `Webhook signing is unavailable (${(error as Error).name}); retry the request.`,
    );
  }
}

function viewOf(masterKey: string, tenant: string, state: SigningGenerations): SigningSecretView {
  const secret = (generation: number) => ({
    generation,
    secret: tenantSigningSecret(masterKey, tenant, generation),
  });
  const startedMs = state.rotationStartedAt ? Date.parse(state.rotationStartedAt) : undefined;
  return {
    current: secret(state.current),
    ...(state.next ? { next: secret(state.next) } : {}),
    ...(state.next && state.rotationStartedAt ? { rotationStartedAt: state.rotationStartedAt } : {}),
    ...(state.next && startedMs !== undefined
      ? { signedWithNextFrom: new Date(startedMs + ROTATION_PROPAGATION_SECONDS * 1000).toISOString() }
      : {}),
    ...(state.rotatedAt ? { rotatedAt: state.rotatedAt } : {}),
    propagationSeconds: ROTATION_PROPAGATION_SECONDS,
  };
}

/** The caller's own signing secrets: current, and next during a rotation. */
export async function getSigningSecret(deps: SigningSecretDeps, tenant: string): Promise<SigningSecretView> {
  const [masterKey, state] = await Promise.all([masterKeyOf(deps), deps.signingGenerations.get(tenant)]);
  return viewOf(masterKey, tenant, state);
}

/**
 * One step of the caller's two-phase rotation (begin → complete, or cancel). Each write is conditional on
 * the version read, so concurrent requests cannot interleave: one that loses re-reads and decides again
 * (a second `begin` then finds the rotation begun and answers the same next secret).
 */
export async function rotateSigningSecret(
  deps: SigningSecretDeps,
  tenant: string,
  body: unknown,
): Promise<SigningSecretView> {
  const request = parseWith(RotationRequestSchema, body, 'rotation request');
  const masterKey = await masterKeyOf(deps);
  for (let write = 0; write < MAX_WRITES; write++) {
    const state = await deps.signingGenerations.get(tenant);
    const next = rotated(state, request, new Date(deps.clock.nowMs()).toISOString());
    if (!next) return viewOf(masterKey, tenant, state);
    if (await deps.signingGenerations.save(tenant, next)) return viewOf(masterKey, tenant, next);
  }
  throw new SigningRotationContendedError();
}
