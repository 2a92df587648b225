import { describe, expect, it } from 'vitest';
import { CreateJobSchema, MAX_PAYLOAD_BYTES } from '../../../lambdas/domain/job.js';

const valid = {
  name: 'nightly report',
  schedule: { expression: 'rate(5 minutes)' },
  target: { type: 'http', url: 'https://example.com/hook' },
};

const pathsOf = (body: unknown) =>
  CreateJobSchema.safeParse(body).error?.issues.map((issue) => issue.path.join('.')) ?? [];

describe('CreateJobSchema', () => {
  it('accepts a minimal job and fills the defaults', () => {
    const parsed = CreateJobSchema.parse(valid);
    expect(parsed.schedule.timezone).toBe('UTC');
    expect(parsed.target).toEqual({
      type: 'http',
      url: 'https://example.com/hook',
      method: 'POST',
      headers: {},
      timeoutSeconds: 10,
    });
  });

  it.each([
    ['a missing name', { ...valid, name: undefined }, 'name'],
    ['an empty name', { ...valid, name: '' }, 'name'],
    ['an unknown top-level field', { ...valid, owner: 'x' }, ''],
    ['an unknown target field', { ...valid, target: { ...valid.target, retries: 3 } }, 'target'],
    ['a non-http URL', { ...valid, target: { ...valid.target, url: 'ftp://example.com' } }, 'target.url'],
    ['a relative URL', { ...valid, target: { ...valid.target, url: '/hook' } }, 'target.url'],
    ['an unknown method', { ...valid, target: { ...valid.target, method: 'TRACE' } }, 'target.method'],
    ['a zero timeout', { ...valid, target: { ...valid.target, timeoutSeconds: 0 } }, 'target.timeoutSeconds'],
    [
      'a reserved header',
      { ...valid, target: { ...valid.target, headers: { 'Idempotency-Key': 'x' } } },
      'target.headers',
    ],
    [
      'a bad header name',
      { ...valid, target: { ...valid.target, headers: { 'a b': 'x' } } },
      'target.headers.a b',
    ],
    ['a schedule of the wrong type', { ...valid, schedule: 'rate(5 minutes)' }, 'schedule'],
  ])('rejects %s at its field path', (_case, body, path) => {
    expect(pathsOf(body)).toContain(path);
  });

  it('accepts any JSON payload up to the limit and refuses a larger one', () => {
    expect(CreateJobSchema.safeParse({ ...valid, payload: { nested: [1, 'two', null, true] } }).success).toBe(
      true,
    );
    const tooBig = { blob: 'x'.repeat(MAX_PAYLOAD_BYTES) };
    expect(pathsOf({ ...valid, payload: tooBig })).toContain('payload');
  });
});
