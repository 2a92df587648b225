import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsTargetCaller } from '../../../lambdas/adapters/aws-targets.js';
import { SCHEDULED_TIME_PLACEHOLDER } from '../../../lambdas/domain/fire-message.js';
import { executeFire } from '../../../lambdas/use-cases/execute-fire.js';
import { noMetrics, type TargetCallRequest } from '../../../lambdas/use-cases/ports.js';
import { type FakeAwsAnswer, FakeAwsEndpoint, type FakeAwsRequest } from '../../support/fake-aws-endpoint.js';
import {
  InMemoryJobStore,
  InMemoryRunStore,
  ManualClock,
  RecordingRunEvents,
} from '../../support/in-memory-ports.js';
import { jobFixture } from '../../support/job-fixture.js';
import { openTargetPolicy } from '../../support/target-policies.js';

const ACCOUNT = '111122223333';
const LEAKY = `User: arn:aws:sts::${ACCOUNT}:assumed-role/Scheduler-ExecutorRole/x is not authorized (Service: Lambda, Request ID: 5b1c)`;
const meta = (maxDurationMs?: number) => ({
  tenant: 'team-a',
  jobId: '01JOB',
  runId: '2026-11-27T10:01:00.000Z',
  idempotencyKey: '01JOB/2026-11-27T10:01:00.000Z',
  ...(maxDurationMs === undefined ? {} : { maxDurationMs }),
});
const fn = (name: string, invocationType: 'Event' | 'RequestResponse' = 'RequestResponse') =>
  ({
    type: 'lambda',
    functionArn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:${name}`,
    invocationType,
  }) as const;
const queue = (name: string) =>
  ({ type: 'sqs', queueArn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:${name}` }) as const;
const bus = {
  type: 'eventbridge',
  eventBusArn: `arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/team-a`,
  source: 'team-a.jobs',
  detailType: 'Tick',
} as const;

/** How the fake AWS answers: by Lambda function name (REST path) or by JSON operation and queue name. */
function script(request: FakeAwsRequest): FakeAwsAnswer {
  const lambda = /functions\/([^/]+)\/invocations/.exec(decodeURIComponent(request.path))?.[1] ?? '';
  if (lambda.endsWith(':function:slow')) return { delayMs: 5_000, body: { ok: true } };
  if (lambda.endsWith(':function:denied'))
    return {
      status: 403,
      headers: { 'x-amzn-errortype': 'AccessDeniedException' },
      body: { message: LEAKY },
    };
  if (lambda.endsWith(':function:gone'))
    return {
      status: 404,
      headers: { 'x-amzn-errortype': 'ResourceNotFoundException' },
      body: { message: `Function not found: arn:aws:lambda:eu-west-1:${ACCOUNT}:function:gone` },
    };
  if (lambda.endsWith(':function:busy'))
    return {
      status: 429,
      headers: { 'x-amzn-errortype': 'TooManyRequestsException' },
      body: { message: LEAKY },
    };
  if (lambda.endsWith(':function:odd'))
    return {
      status: 400,
      headers: { 'x-amzn-errortype': 'SomethingInternalException' },
      body: { message: LEAKY },
    };
  if (lambda.endsWith(':function:crashes'))
    return { headers: { 'x-amz-function-error': 'Unhandled' }, body: { errorMessage: 'boom' } };
  if (lambda) return { body: { ok: true } };
  if (request.operation === 'AmazonSQS.GetQueueUrl') {
    const name = JSON.parse(request.body).QueueName as string;
    return { body: { QueueUrl: `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/${name}` } };
  }
  if (request.operation === 'AmazonSQS.SendMessage') {
    const url = JSON.parse(request.body).QueueUrl as string;
    if (url.endsWith('/slow')) return { delayMs: 5_000, body: { MessageId: 'm' } };
    // The SDK checks the body's MD5, as SQS returns it.
    const md5 = createHash('md5').update(JSON.parse(request.body).MessageBody).digest('hex');
    return { body: { MessageId: 'm', MD5OfMessageBody: md5 } };
  }
  if (request.operation === 'AWSEvents.PutEvents') {
    return {
      body: { FailedEntryCount: 1, Entries: [{ ErrorCode: 'ThrottlingException', ErrorMessage: LEAKY }] },
    };
  }
  return { status: 400, body: { __type: 'UnknownOperation' } };
}

describe('AWS target calls against a fake endpoint', () => {
  const endpoint = new FakeAwsEndpoint(script);
  let call: ReturnType<typeof awsTargetCaller>;
  const warnings: string[] = [];

  beforeAll(async () => {
    const url = await endpoint.start();
    call = awsTargetCaller(
      { endpoint: url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } },
      { warn: (message, fields) => void warnings.push(JSON.stringify({ message, ...fields })) },
    );
  });
  afterAll(async () => {
    await endpoint.stop();
  });

  it('aborts a slow RequestResponse invocation at its deadline: a failed attempt, one request, no SDK retry', async () => {
    const before = endpoint.requests.length;
    const started = Date.now();
    const outcome = await call(fn('slow'), { n: 1 }, meta(500));
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(outcome).toMatchObject({ ok: false, error: 'timed out after 0.5 s' });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(450);
    expect(endpoint.requests.length - before).toBe(1);
  });

  it('aborts a slow SQS send at its deadline', async () => {
    const started = Date.now();
    const outcome = await call(queue('slow'), { n: 1 }, meta(400));
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(outcome).toMatchObject({ ok: false, error: 'timed out after 0.4 s' });
  });

  it("invokes a function with the payload and reports its status; a function error is the tenant's own", async () => {
    expect(await call(fn('report'), { hello: 'world' }, meta(2_000))).toMatchObject({
      ok: true,
      statusCode: 200,
    });
    expect(endpoint.requests.at(-1)?.body).toBe('{"hello":"world"}');
    expect(endpoint.requests.at(-1)?.headers['x-amz-invocation-type']).toBe('RequestResponse');
    expect(await call(fn('crashes'), {}, meta(2_000))).toMatchObject({
      ok: false,
      error: 'function error: Unhandled',
    });
  });

  it.each([
    ['denied', 'the target refused the call: access denied'],
    ['gone', 'the target does not exist'],
    ['busy', 'the target throttled the call'],
    ['odd', 'the target call failed'],
  ])('shows the tenant stable text for function %s, the details only in the log', async (name, shown) => {
    warnings.length = 0;
    const outcome = await call(fn(name), {}, meta(2_000));
    expect(outcome).toMatchObject({ ok: false, error: shown });
    expect(JSON.stringify(outcome)).not.toMatch(/arn:|111122223333|Request ID/);
    const line = JSON.parse(warnings.at(-1) ?? '{}');
    expect(line).toMatchObject({
      message: 'target call failed',
      tenant: 'team-a',
      jobId: '01JOB',
      runId: meta().runId,
    });
    expect(String(line.detail)).toContain(ACCOUNT);
  });

  it('shows a rejected PutEvents entry by its code only', async () => {
    const outcome = await call(bus, { n: 1 }, meta(2_000));
    expect(outcome).toMatchObject({ ok: false, error: 'the target throttled the call' });
    expect(JSON.stringify(outcome)).not.toContain(ACCOUNT);
  });

  it('sends an SQS message with the payload as its body', async () => {
    expect(await call(queue('jobs-mail'), { to: 'x' }, meta(2_000))).toMatchObject({ ok: true });
    const sent = endpoint.requests.filter((r) => r.operation === 'AmazonSQS.SendMessage').at(-1);
    expect(JSON.parse(sent?.body ?? '{}').MessageBody).toBe('{"to":"x"}');
  });

  it('makes a call that outlives the lease a failed attempt the retry policy retries, without holding the batch', async () => {
    const job = jobFixture({ target: fn('slow'), payload: { n: 1 }, nextRunAt: '2026-11-27T10:01:00.000Z' });
    const jobs = new InMemoryJobStore();
    await jobs.create(job, { quota: 1 });
    const deps = {
      jobs,
      runs: new InMemoryRunStore(),
      targets: {
        call: (request: TargetCallRequest) => call(fn('slow'), request.payload, request),
      },
      targetPolicy: openTargetPolicy,
      events: new RecordingRunEvents(),
      clock: new ManualClock(Date.parse('2026-11-27T10:01:05Z')),
      metrics: noMetrics,
    };
    const started = Date.now();
    // A lease of 2 s: the call's deadline is a second short of it.
    const result = await executeFire(deps, {
      message: {
        jobId: job.jobId,
        tenant: job.tenant,
        revision: 1,
        scheduledTime: SCHEDULED_TIME_PLACEHOLDER,
      },
      sentAtMs: Date.parse('2026-11-27T10:01:04Z'),
      leaseMs: 2_000,
    });
    expect(Date.now() - started).toBeLessThan(1_800);
    expect(result).toMatchObject({ kind: 'retry', attempt: 1, error: 'timed out after 1 s' });
  });
});
