import type { Clock, ScheduleRegistry } from './ports.js';

/** Scheduler operations the reconciler makes, as counted. */
export type SchedulerOperation =
  | 'GetSchedule'
  | 'ListSchedules'
  | 'CreateSchedule'
  | 'UpdateSchedule'
  | 'DeleteSchedule';

/**
 * A token bucket over every Scheduler call the reconciler makes: at most `requestsPerSecond` on average, with
 * bursts of `burstSeconds` worth. A call with no token waits for one, so a short budget makes a pass slower,
 * never failed; the time waited is counted, so the pass can say it was short. An invocation starts with a full
 * bucket: with a minute between runs and at most 50 s of work each, a 10 s burst keeps every minute within
 * `requestsPerSecond` on average, and the first 10 s of calls never wait (no Lambda time billed for sleeping).
 */
export class SchedulerBudget {
  private tokens: number;
  private refilledAtMs: number;
  waitedMs = 0;
  readonly calls: Record<SchedulerOperation, number> = {
    GetSchedule: 0,
    ListSchedules: 0,
    CreateSchedule: 0,
    UpdateSchedule: 0,
    DeleteSchedule: 0,
  };

  constructor(
    readonly requestsPerSecond: number,
    private readonly clock: Clock,
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly burstSeconds = 10,
  ) {
    if (!(requestsPerSecond > 0))
      throw new Error(`A Scheduler budget needs a rate above 0, not ${requestsPerSecond}.`);
    this.tokens = requestsPerSecond * burstSeconds;
    this.refilledAtMs = clock.nowMs();
  }

  /** Takes one token for `operation`, waiting until one is there. */
  async take(operation: SchedulerOperation): Promise<void> {
    const nowMs = this.clock.nowMs();
    const burst = this.requestsPerSecond * this.burstSeconds;
    this.tokens = Math.min(
      burst,
      this.tokens + ((nowMs - this.refilledAtMs) / 1000) * this.requestsPerSecond,
    );
    this.refilledAtMs = nowMs;
    this.tokens -= 1;
    this.calls[operation]++;
    if (this.tokens >= 0) return;
    // In debt: wait until the debt is paid; the refill on the next take counts the time waited.
    const waitMs = Math.ceil((-this.tokens / this.requestsPerSecond) * 1000);
    this.waitedMs += waitMs;
    await this.sleep(waitMs);
  }
}

/** `registry` with every call going through `budget` first. */
export function budgeted(registry: ScheduleRegistry, budget: SchedulerBudget): ScheduleRegistry {
  return {
    create: async (spec) => {
      await budget.take('CreateSchedule');
      return registry.create(spec);
    },
    update: async (spec) => {
      await budget.take('UpdateSchedule');
      return registry.update(spec);
    },
    delete: async (jobId) => {
      await budget.take('DeleteSchedule');
      return registry.delete(jobId);
    },
    describe: async (jobId) => {
      await budget.take('GetSchedule');
      return registry.describe(jobId);
    },
    listNames: async (pageToken, prefix) => {
      await budget.take('ListSchedules');
      return registry.listNames(pageToken, prefix);
    },
  };
}
