import { describe, expect, it } from 'vitest';
import { runTimings } from '../../../client/console/src/chart.js';
import { between, duration, scheduleInWords, timeIn } from '../../../client/console/src/format.js';
import type { Run } from '../../../client/src/index.js';

describe('schedules in words', () => {
  it.each([
    ['rate(1 minute)', 'UTC', 'Every minute'],
    ['rate(5 minutes)', 'UTC', 'Every 5 minutes'],
    ['rate(2 hours)', 'UTC', 'Every 2 hours'],
    ['at(2030-01-01T09:00:00)', 'Europe/Berlin', 'Once, at 2030-01-01 09:00:00 (Europe/Berlin)'],
    ['cron(0 9 ? * MON-FRI *)', 'Europe/Berlin', 'At 09:00, on Monday through Friday (Europe/Berlin)'],
    ['30 7 * * 1-5', 'UTC', 'At 07:30, on Monday through Friday (UTC)'],
    ['0 12 * * 0', 'UTC', 'At 12:00, on Sunday (UTC)'],
    ['cron(0 12 ? * 1 *)', 'UTC', 'At 12:00, on Sunday (UTC)'],
    ['cron(15 8,17 1 * ? *)', 'UTC', 'At 08:15 and 17:15, on day 1 of the month (UTC)'],
    ['cron(0 6 ? 1,7 2 *)', 'UTC', 'At 06:00, on Monday, in January, July (UTC)'],
    ['cron(*/10 * * * ? *)', 'UTC', 'Every 10 minutes (UTC)'],
    ['cron(5 * * * ? *)', 'UTC', 'At minute 5 of every hour (UTC)'],
  ])('%s in %s reads “%s”', (expression, zone, words) => {
    expect(scheduleInWords(expression, zone)).toBe(words);
  });

  it('falls back to the fields, never a wrong sentence, for shapes it does not describe', () => {
    expect(scheduleInWords('cron(0 9-17 ? * MON-FRI *)', 'UTC')).toBe('Cron 0 9-17 ? * MON-FRI * (UTC)');
    expect(scheduleInWords('nonsense', 'UTC')).toBe('nonsense');
  });
});

describe('times and durations', () => {
  it('shows an instant in a zone with its offset name, across a DST change', () => {
    expect(timeIn('2026-03-29T00:30:00Z', 'Europe/Berlin')).toBe('2026-03-29 01:30:00 CET');
    expect(timeIn('2026-03-29T01:30:00Z', 'Europe/Berlin')).toBe('2026-03-29 03:30:00 CEST');
    expect(timeIn(undefined, 'UTC')).toBe('—');
  });

  it.each([
    [850, '850 ms'],
    [2400, '2.4 s'],
    [185_000, '3 min 5 s'],
    [undefined, '—'],
  ])('%s ms reads %s', (ms, text) => {
    expect(duration(ms)).toBe(text);
  });

  it('computes fire lag and duration per run, oldest first, leaving out runs not started', () => {
    const run = (scheduledTime: string, startedAt: string | undefined, durationMs: number) =>
      ({
        runId: scheduledTime,
        scheduledTime,
        ...(startedAt ? { startedAt } : {}),
        outcome: { durationMs },
      }) as Run;
    const runs = [
      run('2026-01-01T00:02:00Z', undefined, 0),
      run('2026-01-01T00:01:00Z', '2026-01-01T00:01:01.500Z', 40),
      run('2026-01-01T00:00:00Z', '2026-01-01T00:00:00.250Z', 12),
    ];
    expect(runTimings(runs)).toEqual([
      { runId: '2026-01-01T00:00:00Z', lagMs: 250, durationMs: 12 },
      { runId: '2026-01-01T00:01:00Z', lagMs: 1500, durationMs: 40 },
    ]);
    expect(between('2026-01-01T00:00:00Z', undefined)).toBeUndefined();
  });
});
