import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../../client/src/cli/apply/manifest.js';
import { fieldChanges, planApply } from '../../../client/src/cli/apply/plan.js';
import { UsageError } from '../../../client/src/cli/usage-error.js';
import type { Job, JobSpec } from '../../../client/src/index.js';
import { jobAnswer } from './fake-api.js';

const job = (fields: Record<string, unknown>) => jobAnswer(fields) as unknown as Job;
const spec = (fields: Record<string, unknown> = {}) =>
  ({
    name: 'nightly-report',
    schedule: { expression: 'rate(5 minutes)' },
    target: { type: 'http', url: 'https://example.com/hook' },
    ...fields,
  }) as JobSpec;

describe('apply: the plan', () => {
  it('a file that leaves out what the API defaults is no change against the job it made', () => {
    const plan = planApply([spec()], [job({ id: 'A' })], { prune: false });

    expect(plan.changes).toEqual([]);
    expect(plan.unchanged).toEqual(['nightly-report']);
  });

  it('creates the named jobs the tenant lacks and updates those that differ, field by field', () => {
    const plan = planApply(
      [spec({ schedule: { expression: 'rate(10 minutes)', timezone: 'UTC' } }), spec({ name: 'new-one' })],
      [job({ id: 'A' })],
      { prune: false },
    );

    expect(plan.changes.map((change) => [change.kind, change.name])).toEqual([
      ['update', 'nightly-report'],
      ['create', 'new-one'],
    ]);
    expect(plan.changes[0]).toMatchObject({
      fields: [{ path: 'schedule.expression', from: 'rate(5 minutes)', to: 'rate(10 minutes)' }],
    });
  });

  it('a field removed from the file (description, a header) is a change', () => {
    const current = job({
      id: 'A',
      description: 'old',
      target: {
        type: 'http',
        url: 'https://example.com/hook',
        method: 'POST',
        headers: { 'x-a': '1' },
        timeoutSeconds: 10,
      },
    });

    const plan = planApply([spec()], [current], { prune: false });

    expect(plan.changes[0]).toMatchObject({
      kind: 'update',
      fields: [
        { path: 'description', from: 'old', to: undefined },
        { path: 'target.headers.x-a', from: '1', to: undefined },
      ],
    });
  });

  it('deletes jobs the file does not name only with prune; lists them otherwise', () => {
    const current = [job({ id: 'A' }), job({ id: 'B', name: 'retired' })];

    expect(planApply([spec()], current, { prune: false })).toMatchObject({
      changes: [],
      unmanaged: ['retired'],
    });
    expect(planApply([spec()], current, { prune: true }).changes).toMatchObject([
      { kind: 'delete', name: 'retired', job: { id: 'B' } },
    ]);
  });

  it('refuses to guess between two jobs of one name', () => {
    expect(() => planApply([spec()], [job({ id: 'A' }), job({ id: 'B' })], { prune: false })).toThrow(
      UsageError,
    );
  });

  it('compares objects whatever their key order; arrays in order', () => {
    expect(fieldChanges({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
    expect(fieldChanges({ c: [1, 2] }, { c: [2, 1] })).toHaveLength(2);
  });
});

describe('apply: the file', () => {
  it('reads a jobs list from YAML', () => {
    const manifest = parseManifest(
      'jobs:\n  - name: a\n    schedule: { expression: "rate(1 hour)" }\n    target: { type: http, url: "https://e.x" }\n',
      'jobs.yaml',
    );

    expect(manifest.jobs.map((entry) => entry.name)).toEqual(['a']);
  });

  it.each([
    ['no jobs list', 'name: a\n'],
    ['a job without a name', 'jobs:\n  - schedule: {}\n'],
    ['a name used twice', 'jobs:\n  - name: a\n  - name: a\n'],
    ['not YAML', 'jobs: [a\n'],
  ])('refuses %s', (_case, text) => {
    expect(() => parseManifest(text, 'jobs.yaml')).toThrow(UsageError);
  });
});
