import { describe, expect, it } from 'vitest';
import { latestFireAtOrBefore, nextFireAfter, nextFires } from '../../../lambdas/domain/fire-times.js';
import { parseSchedule } from '../../../lambdas/domain/schedule.js';

const anchor = Date.parse('2026-11-27T10:00:00Z');
const everyFiveMinutes = { kind: 'rate', intervalSeconds: 300 } as const;
const at = (iso: string) => Date.parse(iso);

describe('nextFireAfter', () => {
  it('fires a rate schedule at its anchor (its creation), then every interval', () => {
    expect(nextFireAfter(everyFiveMinutes, anchor, anchor - 1)).toBe(anchor);
    expect(nextFireAfter(everyFiveMinutes, anchor, anchor)).toBe(at('2026-11-27T10:05:00Z'));
    expect(nextFireAfter(everyFiveMinutes, anchor, at('2026-11-27T10:05:00Z'))).toBe(
      at('2026-11-27T10:10:00Z'),
    );
    expect(nextFireAfter(everyFiveMinutes, anchor, at('2026-11-27T10:07:30Z'))).toBe(
      at('2026-11-27T10:10:00Z'),
    );
  });

  it('fires a one-time schedule once', () => {
    const once = { kind: 'at', atMs: at('2026-11-27T12:00:00Z') } as const;
    expect(nextFireAfter(once, anchor, anchor)).toBe(once.atMs);
    expect(nextFireAfter(once, anchor, once.atMs)).toBeUndefined();
  });
});

describe('latestFireAtOrBefore', () => {
  it('gives the fire a late message belongs to, the same for every redelivery', () => {
    for (const sent of ['2026-11-27T10:05:00Z', '2026-11-27T10:05:09Z', '2026-11-27T10:09:59Z']) {
      expect(latestFireAtOrBefore(everyFiveMinutes, anchor, at(sent))).toBe(at('2026-11-27T10:05:00Z'));
    }
  });

  it('finds the anchor itself before the first interval has passed, and nothing before the anchor', () => {
    expect(latestFireAtOrBefore(everyFiveMinutes, anchor, at('2026-11-27T10:04:59Z'))).toBe(anchor);
    expect(latestFireAtOrBefore(everyFiveMinutes, anchor, anchor - 1)).toBeUndefined();
  });

  it('starts a rate schedule at startAt and stops at endAt', () => {
    const windowed = {
      kind: 'rate',
      intervalSeconds: 3600,
      startMs: at('2026-12-01T09:00:00Z'),
      endMs: at('2026-12-01T11:00:00Z'),
    } as const;
    expect(nextFires(windowed, anchor, anchor, 10).map((ms) => new Date(ms).toISOString())).toEqual([
      '2026-12-01T09:00:00.000Z',
      '2026-12-01T10:00:00.000Z',
      '2026-12-01T11:00:00.000Z',
    ]);
    expect(latestFireAtOrBefore(windowed, anchor, at('2026-12-01T08:59:59Z'))).toBeUndefined();
    expect(latestFireAtOrBefore(windowed, anchor, at('2026-12-02T00:00:00Z'))).toBe(
      at('2026-12-01T11:00:00Z'),
    );
  });

  it('bounds a cron schedule by its window', () => {
    const cron = parseSchedule({
      expression: 'cron(0 12 * * ? *)',
      timezone: 'UTC',
      endAt: '2026-11-29T12:00:00Z',
    });
    expect(nextFires(cron, anchor, anchor, 5).map((ms) => new Date(ms).toISOString())).toEqual([
      '2026-11-27T12:00:00.000Z',
      '2026-11-28T12:00:00.000Z',
      '2026-11-29T12:00:00.000Z',
    ]);
  });

  it('gives a one-time schedule its instant once it is due', () => {
    const once = { kind: 'at', atMs: at('2026-11-27T12:00:00Z') } as const;
    expect(latestFireAtOrBefore(once, anchor, at('2026-11-27T11:59:59Z'))).toBeUndefined();
    expect(latestFireAtOrBefore(once, anchor, at('2026-11-27T12:00:08Z'))).toBe(once.atMs);
  });
});
