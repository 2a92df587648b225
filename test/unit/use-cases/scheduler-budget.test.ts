import { describe, expect, it } from 'vitest';
import { SchedulerBudget } from '../../../lambdas/use-cases/scheduler-budget.js';
import { ManualClock } from '../../support/in-memory-ports.js';

/** A budget whose waits move a manual clock, and the waits it asked for, in order. */
function budgetOf(requestsPerSecond: number, burstSeconds?: number) {
  const clock = new ManualClock(Date.parse('2026-12-01T00:00:00Z'));
  const waits: number[] = [];
  const budget = new SchedulerBudget(
    requestsPerSecond,
    clock,
    async (ms) => {
      waits.push(ms);
      clock.advance(ms);
    },
    burstSeconds,
  );
  return { budget, clock, waits };
}

async function takeMany(budget: SchedulerBudget, count: number) {
  for (let n = 0; n < count; n++) await budget.take('GetSchedule');
}

describe('the Scheduler budget', () => {
  it('refuses a rate that is not above 0, naming it', () => {
    for (const rate of [0, -1, Number.NaN])
      expect(() => budgetOf(rate)).toThrow(`A Scheduler budget needs a rate above 0, not ${rate}.`);
    expect(() => budgetOf(0.5)).not.toThrow();
  });

  it('lets a full burst through without waiting, down to the last token', async () => {
    const { budget, waits } = budgetOf(5, 10);
    await takeMany(budget, 50);
    expect(waits).toEqual([]);
    expect(budget.waitedMs).toBe(0);
  });

  it('makes the call past the burst wait one token’s time at the rate', async () => {
    const { budget, waits } = budgetOf(5, 10);
    await takeMany(budget, 51);
    expect(waits).toEqual([200]);
    await budget.take('GetSchedule');
    expect(waits).toEqual([200, 200]);
    expect(budget.waitedMs).toBe(400);
  });

  it('refills at the rate while time passes, but never beyond the burst', async () => {
    const { budget, clock, waits } = budgetOf(4, 2);
    await takeMany(budget, 8); // the burst: 4/s × 2 s
    clock.advance(1_000);
    await takeMany(budget, 4); // one second's refill
    expect(waits).toEqual([]);
    await budget.take('GetSchedule');
    expect(waits).toEqual([250]);

    clock.advance(3_600_000); // an hour idle refills the burst, no more
    waits.length = 0;
    await takeMany(budget, 8);
    expect(waits).toEqual([]);
    await budget.take('GetSchedule');
    expect(waits).toEqual([250]);
  });

  it('counts every call by its operation', async () => {
    const { budget } = budgetOf(100);
    await budget.take('ListSchedules');
    await budget.take('ListSchedules');
    await budget.take('DeleteSchedule');
    expect(budget.calls).toEqual({
      GetSchedule: 0,
      ListSchedules: 2,
      CreateSchedule: 0,
      UpdateSchedule: 0,
      DeleteSchedule: 1,
    });
  });
});
