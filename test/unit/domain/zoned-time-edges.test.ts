import { describe, expect, it } from 'vitest';
import {
  instantToWallClock,
  isValidTimeZone,
  LOCAL_DATE_TIME,
  localTimeWithOffset,
  wallClockAsUtcMs,
  wallClockToInstantMs,
  zoneOffsetMs,
} from '../../../lambdas/domain/zoned-time.js';

/** The instant a wall-clock time in `zone` names, as an ISO string (NaN when the wall clock is unreadable). */
const instantOf = (wall: string, zone: string) =>
  new Date(wallClockToInstantMs(wallClockAsUtcMs(wall) ?? Number.NaN, zone)).toISOString();

describe('zoned time at the edges', () => {
  describe('a wall-clock time near a DST change (Europe/Berlin: +01:00 in winter, +02:00 in summer)', () => {
    it.each([
      // Within 36 hours after spring forward (01:00Z on 29 March 2026) and before it.
      ['2026-03-29T12:00:00', '2026-03-29T10:00:00.000Z'],
      ['2026-03-30T09:00:00', '2026-03-30T07:00:00.000Z'],
      ['2026-03-28T20:00:00', '2026-03-28T19:00:00.000Z'],
      ['2026-03-29T01:59:59', '2026-03-29T00:59:59.000Z'],
      ['2026-03-29T03:00:00', '2026-03-29T01:00:00.000Z'],
      // Within 36 hours after fall back (01:00Z on 25 October 2026) and before it.
      ['2026-10-25T12:00:00', '2026-10-25T11:00:00.000Z'],
      ['2026-10-26T09:00:00', '2026-10-26T08:00:00.000Z'],
      ['2026-10-24T20:00:00', '2026-10-24T18:00:00.000Z'],
      ['2026-10-25T03:00:00', '2026-10-25T02:00:00.000Z'],
    ])('reads %s in Berlin as %s', (wall, instant) => {
      expect(instantOf(wall, 'Europe/Berlin')).toBe(instant);
    });

    it('reads a time skipped by spring forward with the offset from before: 02:30 is 03:30 summer time', () => {
      expect(instantOf('2026-03-29T02:30:00', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
      expect(instantToWallClock(Date.parse('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toBe(
        '2026-03-29T03:30:00',
      );
    });

    it('reads a time shown twice by fall back as its first showing, in summer time', () => {
      expect(instantOf('2026-10-25T02:30:00', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
    });

    it('does the same west of Greenwich (New York springs forward at 07:00Z on 8 March 2026)', () => {
      expect(instantOf('2026-03-08T12:00:00', 'America/New_York')).toBe('2026-03-08T16:00:00.000Z');
      expect(instantOf('2026-03-07T22:00:00', 'America/New_York')).toBe('2026-03-08T03:00:00.000Z');
      expect(instantOf('2026-03-08T02:30:00', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
      // Just after the change, whose wall time read as UTC still lies before it.
      expect(instantOf('2026-03-08T03:30:00', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
      expect(instantOf('2026-03-08T05:00:00', 'America/New_York')).toBe('2026-03-08T09:00:00.000Z');
      // Fall back at 06:00Z on 1 November 2026: 01:30 is shown twice, first in summer time.
      expect(instantOf('2026-11-01T01:30:00', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
      expect(instantOf('2026-11-01T03:00:00', 'America/New_York')).toBe('2026-11-01T08:00:00.000Z');
    });
  });

  describe('offsets', () => {
    it.each([
      ['Europe/Berlin', '2026-01-15T12:00:00.500Z', 3_600_000],
      ['Europe/Berlin', '2026-07-15T12:00:00.999Z', 7_200_000],
      ['America/Sao_Paulo', '2026-01-01T00:00:00.250Z', -3 * 3_600_000],
      ['Asia/Kolkata', '2026-12-31T23:59:59.999Z', 5.5 * 3_600_000],
      ['UTC', '2026-12-31T23:59:59.999Z', 0],
    ])(
      'gives %s at %s a whole offset of %d ms, however many milliseconds the instant has',
      (zone, iso, offset) => {
        expect(zoneOffsetMs(Date.parse(iso), zone)).toBe(offset);
      },
    );

    it.each([
      ['Europe/Berlin', '2026-03-29T07:00:00.000Z', '2026-03-29T09:00:00+02:00'],
      ['Europe/Berlin', '2026-01-31T23:30:00.999Z', '2026-02-01T00:30:00+01:00'],
      ['America/Sao_Paulo', '2026-01-01T00:00:00.000Z', '2025-12-31T21:00:00-03:00'],
      ['Pacific/Marquesas', '2026-01-01T00:00:00.000Z', '2025-12-31T14:30:00-09:30'],
      ['Asia/Kolkata', '2026-01-01T00:00:00.000Z', '2026-01-01T05:30:00+05:30'],
      ['Asia/Kathmandu', '2026-01-01T00:00:00.000Z', '2026-01-01T05:45:00+05:45'],
      ['UTC', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00+00:00'],
    ])('shows %s at %s as %s', (zone, iso, shown) => {
      expect(localTimeWithOffset(Date.parse(iso), zone)).toBe(shown);
    });
  });

  describe('time zone names', () => {
    it.each([
      'UTC',
      'Europe/Berlin',
      'America/Argentina/Buenos_Aires',
      'America/Port-au-Prince',
      'Etc/GMT+5',
      'Etc/GMT-14',
    ])('accepts the IANA name %s', (zone) => {
      expect(isValidTimeZone(zone)).toBe(true);
    });

    it.each([
      '+01:00',
      '-05:00',
      '+0100',
      'GMT+01:00',
      '',
      ' UTC',
      'UTC ',
      'Europe/',
      '/Europe/Berlin',
      'Europe//Berlin',
      'Europe/Berlin/',
      '1Europe/Berlin',
      '_UTC',
      'Europe/Atlantis',
      'Europe/Berlin\n',
    ])('refuses %j: an offset, a malformed name or an unknown zone', (zone) => {
      expect(isValidTimeZone(zone)).toBe(false);
    });
  });

  describe('wall-clock date-times', () => {
    it.each([
      ['1970-01-01T00:00:00', '1970-01-01T00:00:00.000Z'],
      ['2199-12-31T23:59:59', '2199-12-31T23:59:59.000Z'],
      ['2026-12-31T23:59:59', '2026-12-31T23:59:59.000Z'],
      ['2026-01-01T00:00:00', '2026-01-01T00:00:00.000Z'],
    ])('reads %s', (wall, iso) => {
      expect(wallClockAsUtcMs(wall)).toBe(Date.parse(iso));
    });

    it.each([
      ['a year before 1970', '1969-12-31T23:59:59'],
      ['a year after 2199', '2200-01-01T00:00:00'],
      ['a two-digit year written with four digits', '0099-01-01T00:00:00'],
      ['month 13', '2026-13-01T00:00:00'],
      ['month 00', '2026-00-10T00:00:00'],
      ['day 32', '2026-01-32T00:00:00'],
      ['day 00', '2026-01-00T00:00:00'],
      ['31 April', '2026-04-31T00:00:00'],
      ['hour 24', '2026-01-01T24:00:00'],
      ['hour 24 on the last day of a month', '2026-01-31T24:00:00'],
      ['hour 99', '2026-01-01T99:00:00'],
      ['minute 60', '2026-01-01T00:60:00'],
      ['second 60', '2026-01-01T00:00:60'],
      ['a time with Z', '2026-01-01T00:00:00Z'],
      ['a time with an offset', '2026-01-01T00:00:00+01:00'],
      ['a time with fractions', '2026-01-01T00:00:00.000'],
      ['text before the date', 'x2026-01-01T00:00:00'],
      ['a date without time', '2026-01-01'],
      ['a space for the T', '2026-01-01 00:00:00'],
      ['a five-digit year', '12026-01-01T00:00:00'],
    ])('refuses %s (%s)', (_what, wall) => {
      expect(wallClockAsUtcMs(wall)).toBeUndefined();
    });

    it('matches the pattern whole, not inside a longer text', () => {
      expect(LOCAL_DATE_TIME.test('2026-01-01T00:00:00')).toBe(true);
      expect(LOCAL_DATE_TIME.test('2026-01-01T00:00:00Z')).toBe(false);
      expect(LOCAL_DATE_TIME.test('at 2026-01-01T00:00:00')).toBe(false);
    });
  });
});
