import { describe, expect, it } from 'vitest';
import { rotated, type SigningGenerations } from '../../../lambdas/domain/signing-rotation.js';

const EARLIER = '2026-10-01T08:00:00.000Z';
const NOW = '2026-11-27T10:00:00.000Z';
// Rotated once already (generation 2 completed in October).
const rotatedOnce: SigningGenerations = { current: 2, issued: 2, rotatedAt: EARLIER, version: 3 };

describe('a second rotation', () => {
  it('begins from the current generation and keeps when the last rotation completed', () => {
    expect(rotated(rotatedOnce, { phase: 'begin' }, NOW)).toEqual({
      current: 2,
      next: 3,
      issued: 3,
      rotationStartedAt: NOW,
      rotatedAt: EARLIER,
      version: 3,
    });
  });

  it('cancelled, still says when the last rotation completed', () => {
    const begun = rotated(rotatedOnce, { phase: 'begin' }, NOW) as SigningGenerations;
    expect(rotated(begun, { phase: 'cancel' }, NOW)).toEqual({
      current: 2,
      issued: 3,
      rotatedAt: EARLIER,
      version: 3,
    });
  });

  it('completed, says it completed now', () => {
    const begun = rotated(rotatedOnce, { phase: 'begin' }, NOW) as SigningGenerations;
    expect(rotated(begun, { phase: 'complete', generation: 3 }, NOW)).toEqual({
      current: 3,
      issued: 3,
      rotatedAt: NOW,
      version: 3,
    });
  });
});
