import { describe, expect, it } from 'vitest';
import {
  CALL_SAFETY_MS,
  callTimeoutMs,
  LEASE_SAFETY_MS,
  leaseForRemainingTime,
  secondsUntilLeaseEnds,
  targetCallBudgetMs,
} from '../../../lambdas/domain/lease.js';

describe('the run lease', () => {
  it.each([30_000, 10_000, 4_500])(
    'nests inside a Lambda with %i ms left: call < lease < remaining',
    (remaining) => {
      const lease = leaseForRemainingTime(remaining);
      const budget = targetCallBudgetMs(lease);
      expect(lease).toBe(remaining - LEASE_SAFETY_MS);
      expect(budget).toBe(lease - CALL_SAFETY_MS);
      expect(callTimeoutMs(3_600, budget)).toBe(budget);
    },
  );

  it('gives a fire at least a second, however little time is left', () => {
    expect(leaseForRemainingTime(500)).toBe(1_000);
    expect(targetCallBudgetMs(leaseForRemainingTime(500))).toBe(1_000);
  });

  it("keeps a target's own timeout when it is shorter than the budget", () => {
    expect(callTimeoutMs(5, 27_000)).toBe(5_000);
  });

  it("comes back for a run a second after its holder's lease ends, never sooner than in a second", () => {
    expect(secondsUntilLeaseEnds(10_000, 0)).toBe(11);
    expect(secondsUntilLeaseEnds(10_001, 0)).toBe(12);
    expect(secondsUntilLeaseEnds(0, 5_000)).toBe(1);
  });
});
