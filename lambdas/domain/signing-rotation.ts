import { SigningGenerationMismatchError, SigningRotationNotStartedError } from './errors.js';

/**
 * Which generations of its signing secret a tenant uses (never the secrets: those are derived). Absent from
 * the table means generation 1 and no rotation, so a tenant's first call needs no write.
 */
export interface SigningGenerations {
  readonly current: number;
  /** Set between `begin` and `complete`/`cancel`: calls are signed with both. */
  readonly next?: number;
  /** The highest generation ever issued, so a cancelled `next` is never handed out again. */
  readonly issued: number;
  readonly rotationStartedAt?: string;
  readonly rotatedAt?: string;
  /** Bumped by every write; a write is conditional on it (0: nothing stored yet). */
  readonly version: number;
}

/**
 * The longest a rotation step takes to reach every executor (they cache a tenant's generations this long):
 * signatures with `next` are on every call this long after `begin`, and `current`'s stop this long after
 * `complete`.
 */
export const ROTATION_PROPAGATION_SECONDS = 30;

export const INITIAL_GENERATIONS: SigningGenerations = { current: 1, issued: 1, version: 0 };

export type RotationPhase = 'begin' | 'complete' | 'cancel';

export interface RotationRequest {
  readonly phase: RotationPhase;
  /** For `complete`: the generation to make current; makes a repeated `complete` answer as the first did. */
  readonly generation?: number;
}

/**
 * The generations after a rotation step, or `undefined` when the step is already done (a repeated request):
 * - begin: issue `next` (calls get signed with current and next); already rotating → unchanged;
 * - complete: `next` becomes `current` (calls signed with it alone); nothing to complete → 409, unless
 *   `generation` names the current one (this completion already happened);
 * - cancel: drop `next`; nothing to cancel → 409.
 */
export function rotated(
  state: SigningGenerations,
  request: RotationRequest,
  now: string,
): SigningGenerations | undefined {
  const { version, issued, current, next } = state;
  switch (request.phase) {
    case 'begin':
      if (next !== undefined) return undefined;
      return {
        current,
        next: issued + 1,
        issued: issued + 1,
        rotationStartedAt: now,
        ...rotatedAtOf(state),
        version,
      };
    case 'complete':
      if (request.generation !== undefined && next !== request.generation) {
        if (next === undefined && current === request.generation) return undefined;
        throw new SigningGenerationMismatchError(request.generation, state);
      }
      if (next === undefined) throw new SigningRotationNotStartedError('complete');
      return { current: next, issued, rotatedAt: now, version };
    case 'cancel':
      if (next === undefined) throw new SigningRotationNotStartedError('cancel');
      return { current, issued, ...rotatedAtOf(state), version };
  }
}

const rotatedAtOf = (state: SigningGenerations) => (state.rotatedAt ? { rotatedAt: state.rotatedAt } : {});
