import { describe, expect, it } from 'vitest';
import { JobSpecSchema as CreateJobSchema, MAX_PAYLOAD_BYTES } from '../../../lambdas/domain/job.js';

const valid = {
  name: 'nightly report',
  schedule: { expression: 'rate(5 minutes)' },
  target: { type: 'http', url: 'https://example.com/hook' },
};

const pathsOf = (body: unknown) =>
  CreateJobSchema.safeParse(body).error?.issues.map((issue) => issue.path.join('.')) ?? [];

describe('JobSpecSchema', () => {
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
      'target.headers.Idempotency-Key',
    ],
    [
      'a bad header name',
      { ...valid, target: { ...valid.target, headers: { 'a b': 'x' } } },
      'target.headers.a b',
    ],
    ['a schedule of the wrong type', { ...valid, schedule: 'rate(5 minutes)' }, 'schedule'],
    ['an unknown target type', { ...valid, target: { type: 'ftp', url: 'x' } }, 'target.type'],
    [
      'a non-SQS ARN for an SQS target',
      { ...valid, target: { type: 'sqs', queueArn: 'arn:aws:sns:eu-west-1:123456789012:t' } },
      'target.queueArn',
    ],
    [
      'a FIFO queue without a message group',
      { ...valid, target: { type: 'sqs', queueArn: 'arn:aws:sqs:eu-west-1:123456789012:q.fifo' } },
      'target.messageGroupId',
    ],
    [
      'a reserved EventBridge source',
      {
        ...valid,
        target: {
          type: 'eventbridge',
          eventBusArn: 'arn:aws:events:eu-west-1:123456789012:event-bus/default',
          source: 'aws.ec2',
          detailType: 'x',
        },
      },
      'target.source',
    ],
    [
      'an unknown Lambda invocation type',
      {
        ...valid,
        target: {
          type: 'lambda',
          functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:f',
          invocationType: 'DryRun',
        },
      },
      'target.invocationType',
    ],
    [
      'a startAt without a zone',
      { ...valid, schedule: { expression: 'rate(1 hour)', startAt: '2026-12-01T09:00:00' } },
      'schedule.startAt',
    ],
    [
      'an endAt before startAt',
      {
        ...valid,
        schedule: {
          expression: 'rate(1 hour)',
          startAt: '2026-12-02T00:00:00Z',
          endAt: '2026-12-01T00:00:00Z',
        },
      },
      'schedule.endAt',
    ],
  ])('rejects %s at its field path', (_case, body, path) => {
    expect(pathsOf(body)).toContain(path);
  });

  it.each([
    { type: 'sqs', queueArn: 'arn:aws:sqs:eu-west-1:123456789012:jobs' },
    { type: 'sqs', queueArn: 'arn:aws:sqs:eu-west-1:123456789012:jobs.fifo', messageGroupId: 'g' },
    {
      type: 'eventbridge',
      eventBusArn: 'arn:aws:events:eu-west-1:123456789012:event-bus/default',
      source: 'my.app',
      detailType: 'Tick',
    },
    { type: 'lambda', functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:f:live' },
  ])('accepts the AWS target %o', (target) => {
    expect(CreateJobSchema.safeParse({ ...valid, target }).success).toBe(true);
  });

  it('accepts any JSON payload up to the limit and refuses a larger one', () => {
    expect(CreateJobSchema.safeParse({ ...valid, payload: { nested: [1, 'two', null, true] } }).success).toBe(
      true,
    );
    const tooBig = { blob: 'x'.repeat(MAX_PAYLOAD_BYTES) };
    expect(pathsOf({ ...valid, payload: tooBig })).toContain('payload');
  });
});
