import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../lambdas/domain/errors.js';
import { parseSchedule, toSchedulerExpression } from '../../../lambdas/domain/schedule.js';

describe('parseSchedule', () => {
  it.each([
    ['rate(1 minute)', 60],
    ['rate(5 minutes)', 300],
    ['rate(2 hours)', 7200],
    ['rate(1 day)', 86_400],
  ])('reads %s as an interval of %i s', (expression, intervalSeconds) => {
    expect(parseSchedule({ expression, timezone: 'UTC' })).toEqual({ kind: 'rate', intervalSeconds });
  });

  it('reads a one-time local date-time in its time zone', () => {
    const parsed = parseSchedule({ expression: 'at(2026-07-01T09:00:00)', timezone: 'Europe/Berlin' });
    expect(parsed).toEqual({ kind: 'at', atMs: Date.parse('2026-07-01T07:00:00Z') });
  });

  it('moves a one-time schedule inside a spring-forward gap forward by the gap', () => {
    // 2026-03-08 02:30 does not exist in New York: clocks jump from 02:00 EST to 03:00 EDT.
    const parsed = parseSchedule({ expression: 'at(2026-03-08T02:30:00)', timezone: 'America/New_York' });
    expect(parsed).toEqual({ kind: 'at', atMs: Date.parse('2026-03-08T07:30:00Z') });
  });

  it('takes the first of the two instants in a fall-back overlap', () => {
    // 2026-11-01 01:30 happens twice in New York: first EDT (05:30Z), then EST (06:30Z).
    const parsed = parseSchedule({ expression: 'at(2026-11-01T01:30:00)', timezone: 'America/New_York' });
    expect(parsed).toEqual({ kind: 'at', atMs: Date.parse('2026-11-01T05:30:00Z') });
  });

  it.each([
    ['rate(0 minutes)', 'UTC'],
    ['rate(5 seconds)', 'UTC'],
    ['rate(367 days)', 'UTC'],
    ['at(2026-02-30T10:00:00)', 'UTC'],
    ['at(2026-01-01 10:00:00)', 'UTC'],
    ['at(2026-01-01T24:00:00)', 'UTC'],
    ['every 5 minutes', 'UTC'],
    ['cron(0 9 * * * *)', 'UTC'],
    ['0 9 1 * 1', 'UTC'],
    ['rate(5 minutes)', 'Mars/Olympus_Mons'],
  ])('refuses %s in %s with a validation error', (expression, timezone) => {
    expect(() => parseSchedule({ expression, timezone })).toThrow(ValidationError);
  });

  it('names the failing field', () => {
    try {
      parseSchedule({ expression: 'rate(5 minutes)', timezone: 'Nowhere/City' });
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).fields[0]?.path).toBe('schedule.timezone');
    }
  });

  it('reads AWS and Unix cron lines as cron schedules in their zone', () => {
    expect(parseSchedule({ expression: 'cron(0 9 ? * MON-FRI *)', timezone: 'Europe/Berlin' })).toMatchObject(
      {
        kind: 'cron',
        timezone: 'Europe/Berlin',
      },
    );
    expect(parseSchedule({ expression: '*/15 * * * *', timezone: 'UTC' })).toMatchObject({ kind: 'cron' });
  });

  it('refuses a window on a one-time schedule', () => {
    expect(() =>
      parseSchedule({
        expression: 'at(2026-07-01T09:00:00)',
        timezone: 'UTC',
        startAt: '2026-06-01T00:00:00Z',
      }),
    ).toThrow(ValidationError);
  });
});

describe('toSchedulerExpression', () => {
  it('registers a Unix cron line in its AWS form', () => {
    const input = { expression: '0 9 * * 1-5', timezone: 'America/New_York' };
    expect(toSchedulerExpression(parseSchedule(input), input)).toEqual({
      expression: 'cron(0 9 ? * 2-6 *)',
      timezone: 'America/New_York',
    });
  });

  it('registers a one-time schedule as the same instant in UTC', () => {
    const input = { expression: 'at(2026-07-01T09:00:00)', timezone: 'Europe/Berlin' };
    expect(toSchedulerExpression(parseSchedule(input), input)).toEqual({
      expression: 'at(2026-07-01T07:00:00)',
      timezone: 'UTC',
    });
  });

  it('registers a rate schedule as given', () => {
    const input = { expression: 'rate(10 minutes)', timezone: 'Asia/Tokyo' };
    expect(toSchedulerExpression(parseSchedule(input), input)).toEqual(input);
  });
});
