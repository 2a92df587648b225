import { describe, expect, it } from 'vitest';
import { parseCron } from '../../../lambdas/domain/cron.js';
import {
  cronFireIsDstAffected,
  nextCronFireAfter,
  previousCronFireAtOrBefore,
} from '../../../lambdas/domain/cron-fire-times.js';

// Expected instants are worked out by hand from the zones' rules for 2026:
//   America/New_York  EST -05:00 / EDT -04:00; 2026-03-08 02:00 → 03:00 (07:00Z), 2026-11-01 02:00 → 01:00 (06:00Z)
//   Europe/Berlin     CET +01:00 / CEST +02:00; 2026-03-29 02:00 → 03:00 (01:00Z), 2026-10-25 03:00 → 02:00 (01:00Z)
//   Australia/Lord_Howe +10:30 / +11:00 (a 30-minute shift); 2026-04-05 02:00 → 01:30 (2026-04-04 15:00Z),
//                     2026-10-04 02:00 → 02:30 (2026-10-03 15:30Z)
const NEW_YORK = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const LORD_HOWE = 'Australia/Lord_Howe';

/** An instant as `YYYY-MM-DDThh:mmZ`, so failures read as times. */
const minuteOf = (ms: number | undefined): string | undefined =>
  ms === undefined ? undefined : `${new Date(ms).toISOString().slice(0, 16)}Z`;
const next = (expression: string, zone: string, after: string) =>
  minuteOf(nextCronFireAfter(parseCron(expression), zone, Date.parse(after)));
const previous = (expression: string, zone: string, at: string) =>
  minuteOf(previousCronFireAtOrBefore(parseCron(expression), zone, Date.parse(at)));
const dstOf = (expression: string, zone: string, fire: string) =>
  cronFireIsDstAffected(parseCron(expression), zone, Date.parse(fire));

describe('nextCronFireAfter: the fields (UTC)', () => {
  it.each([
    { cron: 'cron(0 10 * * ? *)', after: '2026-05-01T09:59:59Z', fire: '2026-05-01T10:00Z' },
    { cron: 'cron(0 10 * * ? *)', after: '2026-05-01T10:00:00Z', fire: '2026-05-02T10:00Z' },
    { cron: 'cron(0/15 * * * ? *)', after: '2026-05-01T10:07:00Z', fire: '2026-05-01T10:15Z' },
    { cron: 'cron(0/15 * * * ? *)', after: '2026-05-01T10:45:00Z', fire: '2026-05-01T11:00Z' },
    { cron: 'cron(5-40/5 * * * ? *)', after: '2026-05-01T10:40:00Z', fire: '2026-05-01T11:05Z' },
    { cron: 'cron(0 8 1,15 * ? *)', after: '2026-01-15T08:00:00Z', fire: '2026-02-01T08:00Z' },
    { cron: 'cron(0 0 31 * ? *)', after: '2026-01-31T00:00:00Z', fire: '2026-03-31T00:00Z' },
    { cron: 'cron(0 0 1 JAN,JUL ? *)', after: '2026-02-01T00:00:00Z', fire: '2026-07-01T00:00Z' },
    // 2026-01-02 is a Friday.
    { cron: 'cron(0 9 ? * MON-FRI *)', after: '2026-01-02T09:00:00Z', fire: '2026-01-05T09:00Z' },
    { cron: '0 9 * * 1-5', after: '2026-01-02T09:00:00Z', fire: '2026-01-05T09:00Z' },
    { cron: '0 0 * * 0', after: '2026-01-01T00:00:00Z', fire: '2026-01-04T00:00Z' },
    { cron: '0 0 * * 7', after: '2026-01-01T00:00:00Z', fire: '2026-01-04T00:00Z' },
    { cron: 'cron(0 12 * * ? 2030)', after: '2026-05-01T00:00:00Z', fire: '2030-01-01T12:00Z' },
  ])('fires $cron after $after at $fire', ({ cron, after, fire }) => {
    expect(next(cron, 'UTC', after)).toBe(fire);
  });

  it.each([
    { cron: 'cron(0 0 1 1 ? *)', after: '2026-06-01T00:00:00Z', fire: '2027-01-01T00:00Z' },
    { cron: 'cron(59 23 31 12 ? *)', after: '2026-12-31T23:59:00Z', fire: '2027-12-31T23:59Z' },
    { cron: 'cron(* * * * ? *)', after: '2026-12-31T23:59:30Z', fire: '2027-01-01T00:00Z' },
    { cron: 'cron(30 * * * ? *)', after: '2026-12-31T23:45:00Z', fire: '2027-01-01T00:30Z' },
    { cron: 'cron(0 0 L * ? *)', after: '2026-12-31T00:00:00Z', fire: '2027-01-31T00:00Z' },
  ])('carries $cron from one year into the next: after $after at $fire', ({ cron, after, fire }) => {
    expect(next(cron, 'UTC', after)).toBe(fire);
  });

  it.each([
    { after: '2026-01-01T00:00:00Z', fire: '2028-02-29T00:00Z' },
    { after: '2028-02-29T00:00:00Z', fire: '2032-02-29T00:00Z' },
    // 2100 is not a leap year.
    { after: '2096-03-01T00:00:00Z', fire: '2104-02-29T00:00Z' },
  ])('fires cron(0 0 29 2 ? *) only in leap years: after $after at $fire', ({ after, fire }) => {
    expect(next('cron(0 0 29 2 ? *)', 'UTC', after)).toBe(fire);
  });

  it.each([
    { cron: 'cron(0 0 L * ? *)', after: '2026-02-01T00:00:00Z', fire: '2026-02-28T00:00Z' },
    { cron: 'cron(0 0 L * ? *)', after: '2028-02-01T00:00:00Z', fire: '2028-02-29T00:00Z' },
    { cron: 'cron(0 0 L * ? *)', after: '2026-04-01T00:00:00Z', fire: '2026-04-30T00:00Z' },
    // Jan 31 2026 is a Saturday, May 31 a Sunday, Mar 31 a Tuesday.
    { cron: 'cron(0 0 LW * ? *)', after: '2026-01-01T00:00:00Z', fire: '2026-01-30T00:00Z' },
    { cron: 'cron(0 0 LW * ? *)', after: '2026-05-01T00:00:00Z', fire: '2026-05-29T00:00Z' },
    { cron: 'cron(0 0 LW * ? *)', after: '2026-03-01T00:00:00Z', fire: '2026-03-31T00:00Z' },
    // Aug 15 2026 is a Saturday, Nov 15 a Sunday, Jan 15 a Thursday.
    { cron: 'cron(0 0 15W * ? *)', after: '2026-08-01T00:00:00Z', fire: '2026-08-14T00:00Z' },
    { cron: 'cron(0 0 15W * ? *)', after: '2026-11-01T00:00:00Z', fire: '2026-11-16T00:00Z' },
    { cron: 'cron(0 0 15W * ? *)', after: '2026-01-01T00:00:00Z', fire: '2026-01-15T00:00Z' },
    // Aug 1 2026 is a Saturday: W stays in the month, so Monday the 3rd. Mar 1 2026 is a Sunday.
    { cron: 'cron(0 0 1W * ? *)', after: '2026-07-31T00:00:00Z', fire: '2026-08-03T00:00Z' },
    { cron: 'cron(0 0 1W * ? *)', after: '2026-02-15T00:00:00Z', fire: '2026-03-02T00:00Z' },
    // May 31 2026 is a Sunday: back to Friday the 29th. June has no 31st; Jul 31 2026 is a Friday.
    { cron: 'cron(0 0 31W * ? *)', after: '2026-05-01T00:00:00Z', fire: '2026-05-29T00:00Z' },
    { cron: 'cron(0 0 31W * ? *)', after: '2026-06-01T00:00:00Z', fire: '2026-07-31T00:00Z' },
  ])('fires day-of-month L/W: $cron after $after at $fire', ({ cron, after, fire }) => {
    expect(next(cron, 'UTC', after)).toBe(fire);
  });

  it.each([
    { cron: 'cron(0 0 ? * 6L *)', after: '2026-01-01T00:00:00Z', fire: '2026-01-30T00:00Z' },
    { cron: 'cron(0 0 ? * 6L *)', after: '2026-01-30T00:00:00Z', fire: '2026-02-27T00:00Z' },
    { cron: 'cron(0 0 ? * 3#2 *)', after: '2026-01-01T00:00:00Z', fire: '2026-01-13T00:00Z' },
    { cron: 'cron(0 0 ? * 3#2 *)', after: '2026-01-13T00:00:00Z', fire: '2026-02-10T00:00Z' },
    // No fifth Tuesday in January or February 2026; March has 3, 10, 17, 24, 31.
    { cron: 'cron(0 0 ? * 3#5 *)', after: '2026-01-01T00:00:00Z', fire: '2026-03-31T00:00Z' },
    // June 1 2026 is a Monday.
    { cron: 'cron(0 0 ? * MON#1 *)', after: '2026-05-31T00:00:00Z', fire: '2026-06-01T00:00Z' },
    { cron: 'cron(0 0 ? * L *)', after: '2026-01-01T00:00:00Z', fire: '2026-01-03T00:00Z' },
  ])('fires day-of-week L/#: $cron after $after at $fire', ({ cron, after, fire }) => {
    expect(next(cron, 'UTC', after)).toBe(fire);
  });

  it.each([
    { cron: 'cron(0 0 30 2 ? *)', after: '1970-01-01T00:00:00Z' },
    { cron: 'cron(0 0 31 4 ? *)', after: '1970-01-01T00:00:00Z' },
    { cron: 'cron(0 0 1 1 ? 2026)', after: '2026-01-01T00:00:00Z' },
    { cron: 'cron(0 0 1 1 ? 2199)', after: '2199-01-01T00:00:00Z' },
    { cron: 'cron(* * * * ? *)', after: '2199-12-31T23:59:00Z' },
  ])('finds no fire for $cron after $after', ({ cron, after }) => {
    expect(next(cron, 'UTC', after)).toBeUndefined();
  });

  it('gives up quickly on a cron that can never fire, in a DST zone too', () => {
    const never = parseCron('cron(0 0 30 2 ? *)');
    const started = performance.now();
    expect(nextCronFireAfter(never, NEW_YORK, 0)).toBeUndefined();
    expect(previousCronFireAtOrBefore(never, NEW_YORK, Date.parse('2199-12-31T00:00:00Z'))).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(250);
  });
});

describe('previousCronFireAtOrBefore: the fields (UTC)', () => {
  it.each([
    { cron: 'cron(0 10 * * ? *)', at: '2026-05-01T10:00:00Z', fire: '2026-05-01T10:00Z' },
    { cron: 'cron(0 10 * * ? *)', at: '2026-05-01T09:59:59Z', fire: '2026-04-30T10:00Z' },
    { cron: 'cron(0/15 * * * ? *)', at: '2026-05-01T10:14:59Z', fire: '2026-05-01T10:00Z' },
    { cron: 'cron(0 12 25 12 ? *)', at: '2026-01-10T00:00:00Z', fire: '2025-12-25T12:00Z' },
    { cron: 'cron(0 0 29 2 ? *)', at: '2027-06-01T00:00:00Z', fire: '2024-02-29T00:00Z' },
    { cron: 'cron(0 0 29 2 ? *)', at: '2199-12-31T00:00:00Z', fire: '2196-02-29T00:00Z' },
    { cron: 'cron(0 0 L * ? *)', at: '2026-03-15T00:00:00Z', fire: '2026-02-28T00:00Z' },
    { cron: 'cron(0 0 ? * 3#2 *)', at: '2026-02-01T00:00:00Z', fire: '2026-01-13T00:00Z' },
    { cron: 'cron(0 0 1 1 ? *)', at: '1970-01-01T00:00:00Z', fire: '1970-01-01T00:00Z' },
  ])('finds the fire of $cron at or before $at: $fire', ({ cron, at, fire }) => {
    expect(previous(cron, 'UTC', at)).toBe(fire);
  });

  it.each([
    { cron: 'cron(0 0 1 1 ? *)', at: '1969-12-31T23:59:59Z' },
    { cron: 'cron(0 0 30 2 ? *)', at: '2199-12-31T00:00:00Z' },
    { cron: 'cron(0 0 1 1 ? 2030)', at: '2029-12-31T00:00:00Z' },
  ])('finds no fire of $cron at or before $at', ({ cron, at }) => {
    expect(previous(cron, 'UTC', at)).toBeUndefined();
  });
});

describe('DST: a wall-clock time skipped by spring-forward does not fire', () => {
  it.each([
    // New York, 2026-03-08: 02:30 does not exist.
    { zone: NEW_YORK, cron: 'cron(30 2 * * ? *)', after: '2026-03-07T07:29:00Z', fire: '2026-03-07T07:30Z' },
    { zone: NEW_YORK, cron: 'cron(30 2 * * ? *)', after: '2026-03-07T07:30:00Z', fire: '2026-03-09T06:30Z' },
    { zone: NEW_YORK, cron: 'cron(0 * * * ? *)', after: '2026-03-08T06:00:00Z', fire: '2026-03-08T07:00Z' },
    {
      zone: NEW_YORK,
      cron: 'cron(0/15 * * * ? *)',
      after: '2026-03-08T06:45:00Z',
      fire: '2026-03-08T07:00Z',
    },
    { zone: NEW_YORK, cron: 'cron(30 2 8 3 ? *)', after: '2025-03-08T07:30:00Z', fire: '2027-03-08T07:30Z' },
    // Berlin, 2026-03-29: 02:00-02:59 do not exist.
    { zone: BERLIN, cron: 'cron(30 2 * * ? *)', after: '2026-03-28T01:30:00Z', fire: '2026-03-30T00:30Z' },
    { zone: BERLIN, cron: 'cron(0 * * * ? *)', after: '2026-03-29T00:00:00Z', fire: '2026-03-29T01:00Z' },
    {
      zone: BERLIN,
      cron: 'cron(0 9 ? * MON-FRI *)',
      after: '2026-03-27T08:00:00Z',
      fire: '2026-03-30T07:00Z',
    },
    // Lord Howe, 2026-10-04: 02:00-02:29 do not exist, 02:30 does.
    {
      zone: LORD_HOWE,
      cron: 'cron(0/15 * * * ? *)',
      after: '2026-10-03T15:15:00Z',
      fire: '2026-10-03T15:30Z',
    },
    {
      zone: LORD_HOWE,
      cron: 'cron(0/15 * * * ? *)',
      after: '2026-10-03T15:30:00Z',
      fire: '2026-10-03T15:45Z',
    },
    { zone: LORD_HOWE, cron: 'cron(0 2 * * ? *)', after: '2026-10-02T15:30:00Z', fire: '2026-10-04T15:00Z' },
    { zone: LORD_HOWE, cron: 'cron(15 2 * * ? *)', after: '2026-10-02T15:45:00Z', fire: '2026-10-04T15:15Z' },
    { zone: LORD_HOWE, cron: 'cron(30 2 * * ? *)', after: '2026-10-02T16:00:00Z', fire: '2026-10-03T15:30Z' },
    { zone: LORD_HOWE, cron: 'cron(0 * * * ? *)', after: '2026-10-03T14:30:00Z', fire: '2026-10-03T16:00Z' },
  ])('$zone $cron after $after fires at $fire', ({ zone, cron, after, fire }) => {
    expect(next(cron, zone, after)).toBe(fire);
  });

  it('never fires a cron whose only wall-clock time falls in a gap', () => {
    expect(next('cron(30 2 8 3 ? 2026)', NEW_YORK, '2026-01-01T00:00:00Z')).toBeUndefined();
  });

  it.each([
    { zone: NEW_YORK, cron: 'cron(30 2 * * ? *)', at: '2026-03-09T06:00:00Z', fire: '2026-03-07T07:30Z' },
    { zone: NEW_YORK, cron: 'cron(0 * * * ? *)', at: '2026-03-08T06:59:59Z', fire: '2026-03-08T06:00Z' },
    { zone: BERLIN, cron: 'cron(30 2 * * ? *)', at: '2026-03-29T23:59:00Z', fire: '2026-03-28T01:30Z' },
    { zone: LORD_HOWE, cron: 'cron(0/15 * * * ? *)', at: '2026-10-03T15:29:59Z', fire: '2026-10-03T15:15Z' },
  ])('$zone $cron: the fire at or before $at is $fire', ({ zone, cron, at, fire }) => {
    expect(previous(cron, zone, at)).toBe(fire);
  });
});

describe('DST: a wall-clock time repeated by fall-back fires once, at its first occurrence', () => {
  it.each([
    // New York, 2026-11-01: 01:00-01:59 happen at 05:xxZ (EDT) and again at 06:xxZ (EST).
    { zone: NEW_YORK, cron: 'cron(30 1 * * ? *)', after: '2026-10-31T05:30:00Z', fire: '2026-11-01T05:30Z' },
    { zone: NEW_YORK, cron: 'cron(30 1 * * ? *)', after: '2026-11-01T05:30:00Z', fire: '2026-11-02T06:30Z' },
    { zone: NEW_YORK, cron: 'cron(30 2 * * ? *)', after: '2026-10-31T06:30:00Z', fire: '2026-11-01T07:30Z' },
    { zone: NEW_YORK, cron: 'cron(0 * * * ? *)', after: '2026-11-01T05:00:00Z', fire: '2026-11-01T07:00Z' },
    {
      zone: NEW_YORK,
      cron: 'cron(0/15 * * * ? *)',
      after: '2026-11-01T05:45:00Z',
      fire: '2026-11-01T07:00Z',
    },
    { zone: NEW_YORK, cron: 'cron(* * * * ? *)', after: '2026-11-01T06:30:00Z', fire: '2026-11-01T07:00Z' },
    // Berlin, 2026-10-25: 02:00-02:59 happen at 00:xxZ (CEST) and again at 01:xxZ (CET).
    { zone: BERLIN, cron: 'cron(30 2 * * ? *)', after: '2026-10-24T00:30:00Z', fire: '2026-10-25T00:30Z' },
    { zone: BERLIN, cron: 'cron(30 2 * * ? *)', after: '2026-10-25T00:30:00Z', fire: '2026-10-26T01:30Z' },
    { zone: BERLIN, cron: 'cron(0 * * * ? *)', after: '2026-10-25T00:00:00Z', fire: '2026-10-25T02:00Z' },
    // Lord Howe, 2026-04-05: only 01:30-01:59 repeat (14:3xZ/14:4xZ, then 15:0xZ/15:1xZ); 01:00 does not.
    { zone: LORD_HOWE, cron: 'cron(0 * * * ? *)', after: '2026-04-04T14:00:00Z', fire: '2026-04-04T15:30Z' },
    { zone: LORD_HOWE, cron: 'cron(30 * * * ? *)', after: '2026-04-04T14:30:00Z', fire: '2026-04-04T16:00Z' },
    { zone: LORD_HOWE, cron: 'cron(* * * * ? *)', after: '2026-04-04T15:10:00Z', fire: '2026-04-04T15:30Z' },
    { zone: LORD_HOWE, cron: 'cron(45 1 * * ? *)', after: '2026-04-03T14:45:00Z', fire: '2026-04-04T14:45Z' },
    { zone: LORD_HOWE, cron: 'cron(45 1 * * ? *)', after: '2026-04-04T14:45:00Z', fire: '2026-04-05T15:15Z' },
  ])('$zone $cron after $after fires at $fire', ({ zone, cron, after, fire }) => {
    expect(next(cron, zone, after)).toBe(fire);
  });

  it.each([
    { zone: NEW_YORK, cron: 'cron(30 1 * * ? *)', at: '2026-11-01T06:45:00Z', fire: '2026-11-01T05:30Z' },
    { zone: NEW_YORK, cron: 'cron(0 * * * ? *)', at: '2026-11-01T06:59:59Z', fire: '2026-11-01T05:00Z' },
    // In the second pass, the latest fire is the end of the first pass, later on the wall clock than now.
    { zone: NEW_YORK, cron: 'cron(* * * * ? *)', at: '2026-11-01T06:30:00Z', fire: '2026-11-01T05:59Z' },
    { zone: BERLIN, cron: 'cron(30 2 * * ? *)', at: '2026-10-25T01:45:00Z', fire: '2026-10-25T00:30Z' },
    { zone: LORD_HOWE, cron: 'cron(* * * * ? *)', at: '2026-04-04T15:10:00Z', fire: '2026-04-04T14:59Z' },
  ])('$zone $cron: the fire at or before $at is $fire', ({ zone, cron, at, fire }) => {
    expect(previous(cron, zone, at)).toBe(fire);
  });
});

describe('DST: consecutive fires across a transition', () => {
  const fires = (expression: string, zone: string, after: string, count: number): (string | undefined)[] => {
    const spec = parseCron(expression);
    const found: (string | undefined)[] = [];
    let afterMs: number | undefined = Date.parse(after);
    for (let index = 0; index < count && afterMs !== undefined; index += 1) {
      afterMs = nextCronFireAfter(spec, zone, afterMs);
      found.push(minuteOf(afterMs));
    }
    return found;
  };

  it.each([
    {
      what: 'New York hourly loses 02:00 in spring',
      zone: NEW_YORK,
      cron: 'cron(0 * * * ? *)',
      after: '2026-03-08T05:00:00Z',
      expected: ['2026-03-08T06:00Z', '2026-03-08T07:00Z', '2026-03-08T08:00Z'],
    },
    {
      what: 'New York hourly fires 01:00 once in autumn',
      zone: NEW_YORK,
      cron: 'cron(0 * * * ? *)',
      after: '2026-11-01T03:00:00Z',
      expected: ['2026-11-01T04:00Z', '2026-11-01T05:00Z', '2026-11-01T07:00Z', '2026-11-01T08:00Z'],
    },
    {
      what: 'Lord Howe every 15 minutes loses 02:00 and 02:15 in spring',
      zone: LORD_HOWE,
      cron: 'cron(0/15 * * * ? *)',
      after: '2026-10-03T15:00:00Z',
      expected: ['2026-10-03T15:15Z', '2026-10-03T15:30Z', '2026-10-03T15:45Z'],
    },
    {
      what: 'Lord Howe every 15 minutes fires 01:30 and 01:45 once in autumn',
      zone: LORD_HOWE,
      cron: 'cron(0/15 * * * ? *)',
      after: '2026-04-04T14:15:00Z',
      expected: ['2026-04-04T14:30Z', '2026-04-04T14:45Z', '2026-04-04T15:30Z', '2026-04-04T15:45Z'],
    },
  ])('$what', ({ zone, cron, after, expected }) => {
    expect(fires(cron, zone, after, expected.length)).toEqual(expected);
  });
});

describe('cronFireIsDstAffected', () => {
  it.each([
    { zone: NEW_YORK, cron: 'cron(30 2 * * ? *)', fire: '2026-03-09T06:30:00Z', effect: 'gap' },
    { zone: NEW_YORK, cron: 'cron(0 * * * ? *)', fire: '2026-03-08T07:00:00Z', effect: 'gap' },
    { zone: NEW_YORK, cron: 'cron(30 2 8 3 ? *)', fire: '2027-03-08T07:30:00Z', effect: 'gap' },
    { zone: BERLIN, cron: 'cron(30 2 * * ? *)', fire: '2026-03-30T00:30:00Z', effect: 'gap' },
    { zone: LORD_HOWE, cron: 'cron(0/15 * * * ? *)', fire: '2026-10-03T15:30:00Z', effect: 'gap' },
    { zone: LORD_HOWE, cron: 'cron(0 2 * * ? *)', fire: '2026-10-04T15:00:00Z', effect: 'gap' },
  ])('flags $zone $cron at $fire as following a skipped fire ($effect)', ({ zone, cron, fire, effect }) => {
    expect(dstOf(cron, zone, fire)).toBe(effect);
  });

  it.each([
    { zone: NEW_YORK, cron: 'cron(30 1 * * ? *)', fire: '2026-11-01T05:30:00Z', effect: 'overlap' },
    { zone: NEW_YORK, cron: 'cron(0 * * * ? *)', fire: '2026-11-01T05:00:00Z', effect: 'overlap' },
    { zone: BERLIN, cron: 'cron(30 2 * * ? *)', fire: '2026-10-25T00:30:00Z', effect: 'overlap' },
    { zone: LORD_HOWE, cron: 'cron(30 * * * ? *)', fire: '2026-04-04T14:30:00Z', effect: 'overlap' },
  ])('flags $zone $cron at $fire as a repeated wall-clock time ($effect)', ({ zone, cron, fire, effect }) => {
    expect(dstOf(cron, zone, fire)).toBe(effect);
  });

  it.each([
    { zone: NEW_YORK, cron: 'cron(30 2 * * ? *)', fire: '2026-03-07T07:30:00Z' },
    { zone: NEW_YORK, cron: 'cron(30 2 * * ? *)', fire: '2026-03-10T06:30:00Z' },
    { zone: NEW_YORK, cron: 'cron(30 2 * * ? *)', fire: '2026-11-01T07:30:00Z' },
    { zone: NEW_YORK, cron: 'cron(30 1 * * ? *)', fire: '2026-11-02T06:30:00Z' },
    { zone: NEW_YORK, cron: 'cron(0 * * * ? *)', fire: '2026-03-08T08:00:00Z' },
    { zone: NEW_YORK, cron: 'cron(0 * * * ? *)', fire: '2026-11-01T04:00:00Z' },
    { zone: NEW_YORK, cron: 'cron(0 * * * ? *)', fire: '2026-11-01T07:00:00Z' },
    { zone: LORD_HOWE, cron: 'cron(0/15 * * * ? *)', fire: '2026-10-03T15:45:00Z' },
    // Only 01:30-01:59 repeat on Lord Howe; 01:00 happens once.
    { zone: LORD_HOWE, cron: 'cron(0 * * * ? *)', fire: '2026-04-04T14:00:00Z' },
    { zone: 'UTC', cron: 'cron(0 * * * ? *)', fire: '2026-03-08T07:00:00Z' },
  ])('leaves $zone $cron at $fire unflagged', ({ zone, cron, fire }) => {
    expect(dstOf(cron, zone, fire)).toBeUndefined();
  });
});
