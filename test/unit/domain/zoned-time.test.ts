import { describe, expect, it } from 'vitest';
import {
  instantToWallClock,
  isValidTimeZone,
  wallClockAsUtcMs,
  wallClockToInstantMs,
} from '../../../lambdas/domain/zoned-time.js';

describe('zoned time', () => {
  it('knows IANA zones and refuses made-up ones', () => {
    expect(isValidTimeZone('Australia/Lord_Howe')).toBe(true);
    expect(isValidTimeZone('Europe/Atlantis')).toBe(false);
  });

  it('round-trips a wall-clock time through a half-hour DST zone', () => {
    const wall = wallClockAsUtcMs('2026-01-15T12:00:00') ?? Number.NaN;
    const instant = wallClockToInstantMs(wall, 'Australia/Lord_Howe');
    expect(new Date(instant).toISOString()).toBe('2026-01-15T01:00:00.000Z'); // UTC+11 in summer
    expect(instantToWallClock(instant, 'Australia/Lord_Howe')).toBe('2026-01-15T12:00:00');
  });

  it('accepts a leap day only in a leap year', () => {
    expect(wallClockAsUtcMs('2028-02-29T00:00:00')).toBe(Date.parse('2028-02-29T00:00:00Z'));
    expect(wallClockAsUtcMs('2027-02-29T00:00:00')).toBeUndefined();
  });
});
