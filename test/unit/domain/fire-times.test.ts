import { describe, expect, it } from 'vitest';
import { latestFireAtOrBefore, nextFireAfter } from '../../../lambdas/domain/fire-times.js';

const anchor = Date.parse('2026-11-27T10:00:00Z');
const everyFiveMinutes = { kind: 'rate', intervalSeconds: 300 } as const;
const at = (iso: string) => Date.parse(iso);

describe('nextFireAfter', () => {
  it('fires a rate schedule one interval after its anchor, then every interval', () => {
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

  it('finds no fire before the first interval has passed', () => {
    expect(latestFireAtOrBefore(everyFiveMinutes, anchor, at('2026-11-27T10:04:59Z'))).toBeUndefined();
  });

  it('gives a one-time schedule its instant once it is due', () => {
    const once = { kind: 'at', atMs: at('2026-11-27T12:00:00Z') } as const;
    expect(latestFireAtOrBefore(once, anchor, at('2026-11-27T11:59:59Z'))).toBeUndefined();
    expect(latestFireAtOrBefore(once, anchor, at('2026-11-27T12:00:08Z'))).toBe(once.atMs);
  });
});
