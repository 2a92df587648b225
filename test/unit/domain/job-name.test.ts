import { describe, expect, it } from 'vitest';
import { JobSpecSchema } from '../../../lambdas/domain/job.js';

const nameIsValid = (name: string) =>
  JobSpecSchema.safeParse({
    name,
    schedule: { expression: 'rate(1 hour)' },
    target: { type: 'http', url: 'https://example.com/' },
  }).success;

describe('job names (a pattern every regex engine reads alike)', () => {
  it.each(['nightly report', 'Rapport über Q3', '日次バックアップ', 'billing:eu/retry-2_v1.0'])(
    'accepts %j',
    (name) => {
      expect(nameIsValid(name)).toBe(true);
    },
  );

  it.each([
    'tab\there',
    'line\nbreak',
    'bell\u0007',
    'c1\u0085',
    'semi;colon',
    'a<b>',
    'quote"',
    'back\\slash',
    '[x]',
    'brace{',
    '',
  ])('refuses %j', (name) => {
    expect(nameIsValid(name)).toBe(false);
  });
});
