import { describe, expect, it } from 'vitest';
import {
  INITIAL_GENERATIONS,
  rotated,
  type SigningGenerations,
} from '../../../lambdas/domain/signing-rotation.js';

const NOW = '2026-11-27T10:00:00.000Z';
const rotating: SigningGenerations = { current: 1, next: 2, issued: 2, rotationStartedAt: NOW, version: 1 };

describe('the two-phase signing-secret rotation', () => {
  it('begin issues the next generation; a repeated begin changes nothing', () => {
    expect(rotated(INITIAL_GENERATIONS, { phase: 'begin' }, NOW)).toEqual({
      current: 1,
      next: 2,
      issued: 2,
      rotationStartedAt: NOW,
      version: 0,
    });
    expect(rotated(rotating, { phase: 'begin' }, NOW)).toBeUndefined();
  });

  it('complete makes next current; completing the same generation again changes nothing', () => {
    const done = rotated(rotating, { phase: 'complete' }, NOW);
    expect(done).toEqual({ current: 2, issued: 2, rotatedAt: NOW, version: 1 });
    expect(rotated(rotating, { phase: 'complete', generation: 2 }, NOW)).toEqual(done);
    expect(rotated(done as SigningGenerations, { phase: 'complete', generation: 2 }, NOW)).toBeUndefined();
  });

  it('cancel drops next, and the cancelled generation is never issued again', () => {
    const cancelled = rotated(rotating, { phase: 'cancel' }, NOW) as SigningGenerations;
    expect(cancelled).toEqual({ current: 1, issued: 2, version: 1 });
    expect(rotated(cancelled, { phase: 'begin' }, NOW)).toMatchObject({ current: 1, next: 3, issued: 3 });
  });

  it.each([
    [
      'complete without a rotation',
      INITIAL_GENERATIONS,
      { phase: 'complete' as const },
      'signing_rotation_not_started',
    ],
    [
      'cancel without a rotation',
      INITIAL_GENERATIONS,
      { phase: 'cancel' as const },
      'signing_rotation_not_started',
    ],
    [
      'complete naming another generation',
      rotating,
      { phase: 'complete' as const, generation: 3 },
      'signing_generation_mismatch',
    ],
    [
      'complete naming an old generation',
      INITIAL_GENERATIONS,
      { phase: 'complete' as const, generation: 2 },
      'signing_generation_mismatch',
    ],
  ])('refuses %s with a 409 and a stable code', (_case, state, request, code) => {
    expect(() => rotated(state, request, NOW)).toThrow(expect.objectContaining({ status: 409, code }));
  });
});
