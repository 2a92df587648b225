import { describe, expect, it } from 'vitest';
import { type DrivenSchedule, planFires } from '../../../localstack/schedule-driver/fire-plan.js';

const OPTIONS = { catchUpMs: 300_000, maxFires: 10 };
/** A horizon wide enough that nothing in these cases is passed over. */
const DAY = { ...OPTIONS, catchUpMs: 86_400_000 };
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

function schedule(overrides: Partial<DrivenSchedule>): DrivenSchedule {
  return {
    arn: 'arn:aws:scheduler:us-east-1:000000000000:schedule/g/s',
    expression: 'rate(5 minutes)',
    timezone: 'UTC',
    enabled: true,
    anchorMs: at('2026-12-01T10:00:00Z'),
    ...overrides,
  };
}

describe('planFires: which fires the local driver delivers', () => {
  it('fires a cron in America/New_York at New York wall time (UTC-5 in winter, UTC-4 in summer)', () => {
    const winter = schedule({ expression: 'cron(30 9 * * ? *)', timezone: 'America/New_York' });
    const plan = planFires(winter, at('2026-12-01T14:00:00Z'), at('2026-12-01T14:30:00.400Z'), OPTIONS);
    expect(plan.due.map(iso)).toEqual(['2026-12-01T14:30:00.000Z']);
    expect(iso(plan.nextMs ?? 0)).toBe('2026-12-02T14:30:00.000Z');
    const summer = planFires(
      { ...winter, anchorMs: at('2026-07-01T00:00:00Z') },
      at('2026-07-01T13:00:00Z'),
      at('2026-07-01T13:30:01Z'),
      OPTIONS,
    );
    expect(summer.due.map(iso)).toEqual(['2026-07-01T13:30:00.000Z']);
  });

  it('skips a New York wall time that the spring-forward removes, as EventBridge Scheduler does', () => {
    // 2026-03-08 02:30 does not exist in New York: that day's fire is skipped.
    const gap = schedule({ expression: 'cron(30 2 * * ? *)', timezone: 'America/New_York' });
    const plan = planFires(gap, at('2026-03-07T07:31:00Z'), at('2026-03-09T06:00:00Z'), {
      ...OPTIONS,
      catchUpMs: 3 * 86_400_000,
    });
    expect(plan.due.map(iso)).toEqual([]);
    expect(iso(plan.nextMs ?? 0)).toBe('2026-03-09T06:30:00.000Z');
  });

  it('fires a cron in Australia/Lord_Howe at its wall time across its half-hour DST change', () => {
    // Lord Howe: UTC+11 in summer, UTC+10:30 in winter; DST ends 2026-04-05 02:00 (clocks back to 01:30).
    const lordHowe = schedule({ expression: 'cron(15 9 * * ? *)', timezone: 'Australia/Lord_Howe' });
    const plan = planFires(lordHowe, at('2026-04-03T00:00:00Z'), at('2026-04-05T12:00:00Z'), {
      ...OPTIONS,
      catchUpMs: 4 * 86_400_000,
    });
    expect(plan.due.map(iso)).toEqual([
      '2026-04-03T22:15:00.000Z', // 04-04 09:15 at +11:00
      '2026-04-04T22:45:00.000Z', // 04-05 09:15 at +10:30
    ]);
  });

  it('fires a fall-back overlap wall time once, at its first occurrence', () => {
    // 2026-11-01 01:30 occurs twice in New York; AWS fires once.
    const overlap = schedule({ expression: 'cron(30 1 * * ? *)', timezone: 'America/New_York' });
    const plan = planFires(overlap, at('2026-11-01T00:00:00Z'), at('2026-11-01T08:00:00Z'), DAY);
    expect(plan.due.map(iso)).toEqual(['2026-11-01T05:30:00.000Z']);
  });

  it('counts a rate from its StartDate, else from its anchor (creation or last expression change)', () => {
    const anchored = schedule({ anchorMs: at('2026-12-01T10:00:07.250Z') });
    const fromAnchor = planFires(anchored, undefined, at('2026-12-01T10:05:08Z'), DAY);
    expect(fromAnchor.due.map(iso)).toEqual(['2026-12-01T10:00:07.250Z', '2026-12-01T10:05:07.250Z']);
    const started = schedule({ startMs: at('2026-12-01T10:02:00Z') });
    const fromStart = planFires(started, undefined, at('2026-12-01T10:08:00Z'), DAY);
    expect(fromStart.due.map(iso)).toEqual(['2026-12-01T10:02:00.000Z', '2026-12-01T10:07:00.000Z']);
  });

  it('fires a one-time schedule once', () => {
    const once = schedule({ expression: 'at(2026-12-01T10:03:00)' });
    const plan = planFires(once, undefined, at('2026-12-01T10:03:00.100Z'), OPTIONS);
    expect(plan.due.map(iso)).toEqual(['2026-12-01T10:03:00.000Z']);
    expect(plan.nextMs).toBeUndefined();
    expect(planFires(once, plan.doneUntilMs, at('2026-12-01T10:04:00Z'), OPTIONS).due).toEqual([]);
  });

  it('keeps to the start/end window', () => {
    const windowed = schedule({
      expression: 'cron(0/10 * * * ? *)',
      startMs: at('2026-12-01T10:15:00Z'),
      endMs: at('2026-12-01T10:40:00Z'),
    });
    const plan = planFires(windowed, undefined, at('2026-12-01T11:00:00Z'), {
      ...OPTIONS,
      catchUpMs: 86_400_000,
    });
    expect(plan.due.map(iso)).toEqual([
      '2026-12-01T10:20:00.000Z',
      '2026-12-01T10:30:00.000Z',
      '2026-12-01T10:40:00.000Z',
    ]);
    expect(plan.nextMs).toBeUndefined();
  });

  it('does not fire a disabled schedule, and moves its cursor to now', () => {
    const disabled = schedule({ enabled: false });
    const plan = planFires(disabled, undefined, at('2026-12-01T10:30:00Z'), OPTIONS);
    expect(plan).toEqual({ due: [], missed: 0, doneUntilMs: at('2026-12-01T10:30:00Z'), nextMs: undefined });
  });

  it('does not deliver a fire twice: nothing is due again at or before the cursor', () => {
    const plan = planFires(schedule({}), undefined, at('2026-12-01T10:05:00Z'), OPTIONS);
    const again = planFires(schedule({}), plan.doneUntilMs, at('2026-12-01T10:05:00.900Z'), OPTIONS);
    expect(plan.due).toHaveLength(2);
    expect(again.due).toEqual([]);
  });

  it('passes over fires older than the catch-up horizon, and delivers at most maxFires at once', () => {
    const everyMinute = schedule({ expression: 'rate(1 minute)' });
    const plan = planFires(everyMinute, undefined, at('2026-12-01T11:00:30Z'), {
      catchUpMs: 300_000,
      maxFires: 3,
    });
    expect(plan.missed).toBe(56); // 10:00 … 10:55 are older than 5 minutes
    expect(plan.due.map(iso)).toEqual([
      '2026-12-01T10:56:00.000Z',
      '2026-12-01T10:57:00.000Z',
      '2026-12-01T10:58:00.000Z',
    ]);
    expect(iso(plan.nextMs ?? 0)).toBe('2026-12-01T10:59:00.000Z');
  });
});
