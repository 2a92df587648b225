import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsTargetCaller } from '../../lambdas/adapters/aws-targets.js';
import { createRecordingFunction, deleteFunction } from '../support/lambda-targets.js';
import { localAws } from '../support/local-aws.js';

const sqs = new SQSClient(localAws);
const events = new EventBridgeClient(localAws);
const unique = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
const meta = (maxDurationMs: number) => ({
  tenant: 'alpha',
  jobId: '01JOB',
  runId: `run-${unique}`,
  idempotencyKey: `01JOB/run-${unique}`,
  maxDurationMs,
});

async function queue(name: string) {
  const url = (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl ?? '';
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  return { url, arn: Attributes?.QueueArn ?? '' };
}

/** Receives until a message matches, or fails after `ms`. */
async function receiveMatching(
  url: string,
  match: (body: unknown) => boolean,
  ms = 20_000,
): Promise<unknown> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 }),
    );
    const found = Messages.map((m: Message) => JSON.parse(m.Body ?? 'null')).find(match);
    if (found !== undefined) return found;
  }
  throw new Error(`no matching message on ${url} within ${ms} ms`);
}

describe('AWS targets on the local AWS', () => {
  const call = awsTargetCaller({ endpoint: localAws.endpoint, credentials: localAws.credentials });
  const recorderName = `it-recorder-${unique}`;
  const busName = `it-bus-${unique}`;
  let inbox: { url: string; arn: string };
  let recorderArn: string;
  let busArn: string;

  beforeAll(async () => {
    inbox = await queue(`it-inbox-${unique}`);
    recorderArn = await createRecordingFunction(recorderName, { queueUrl: inbox.url });
    busArn = (await events.send(new CreateEventBusCommand({ Name: busName }))).EventBusArn ?? '';
    await events.send(
      new PutRuleCommand({
        Name: `it-rule-${unique}`,
        EventBusName: busName,
        EventPattern: '{"source":["alpha.jobs"]}',
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: `it-rule-${unique}`,
        EventBusName: busName,
        Targets: [{ Id: 'inbox', Arn: inbox.arn }],
      }),
    );
  });
  afterAll(async () => {
    await deleteFunction(recorderName);
    await events
      .send(new RemoveTargetsCommand({ Rule: `it-rule-${unique}`, EventBusName: busName, Ids: ['inbox'] }))
      .catch(() => undefined);
    await events
      .send(new DeleteRuleCommand({ Name: `it-rule-${unique}`, EventBusName: busName }))
      .catch(() => undefined);
    await events.send(new DeleteEventBusCommand({ Name: busName })).catch(() => undefined);
    await sqs.send(new DeleteQueueCommand({ QueueUrl: inbox.url })).catch(() => undefined);
  });

  it('invokes a function RequestResponse with the payload and waits for its answer', async () => {
    const outcome = await call(
      { type: 'lambda', functionArn: recorderArn, invocationType: 'RequestResponse' },
      { kind: 'rr', unique },
      meta(20_000),
    );
    expect(outcome).toMatchObject({ ok: true, statusCode: 200 });
    expect(await receiveMatching(inbox.url, (b) => (b as { kind?: string }).kind === 'rr')).toEqual({
      kind: 'rr',
      unique,
    });
  });

  it('invokes a function asynchronously (Event) with the payload', async () => {
    const outcome = await call(
      { type: 'lambda', functionArn: recorderArn, invocationType: 'Event' },
      { kind: 'event', unique },
      meta(20_000),
    );
    expect(outcome).toMatchObject({ ok: true, statusCode: 202 });
    expect(await receiveMatching(inbox.url, (b) => (b as { kind?: string }).kind === 'event')).toEqual({
      kind: 'event',
      unique,
    });
  });

  it('gives up on a slow RequestResponse function at the deadline: a timeout, within ~2.5 s of a 2 s deadline', async () => {
    const started = Date.now();
    const outcome = await call(
      { type: 'lambda', functionArn: recorderArn, invocationType: 'RequestResponse' },
      { kind: 'slow', sleepMs: 10_000 },
      meta(2_000),
    );
    const elapsed = Date.now() - started;
    console.log(`slow RequestResponse target with a 2 s deadline: outcome after ${elapsed} ms`);
    expect(outcome).toMatchObject({ ok: false, error: 'timed out after 2 s' });
    expect(elapsed).toBeLessThan(2_500);
  });

  it('puts an event on a bus: a rule delivers it with the payload in detail.payload', async () => {
    const outcome = await call(
      { type: 'eventbridge', eventBusArn: busArn, source: 'alpha.jobs', detailType: 'Report Due' },
      { report: 'daily', unique },
      meta(10_000),
    );
    expect(outcome).toMatchObject({ ok: true });
    const delivered = (await receiveMatching(
      inbox.url,
      (b) => (b as { source?: string }).source === 'alpha.jobs',
    )) as {
      'detail-type': string;
      detail: { jobId: string; runId: string; payload: unknown };
    };
    expect(delivered['detail-type']).toBe('Report Due');
    expect(delivered.detail).toEqual({
      jobId: '01JOB',
      runId: `run-${unique}`,
      payload: { report: 'daily', unique },
    });
  });

  it('says "the target does not exist" for a missing function or queue, and nothing of the account', async () => {
    for (const target of [
      {
        type: 'lambda',
        functionArn: `arn:aws:lambda:us-east-1:000000000000:function:it-missing-${unique}`,
        invocationType: 'RequestResponse',
      },
      { type: 'sqs', queueArn: `arn:aws:sqs:us-east-1:000000000000:it-missing-${unique}` },
    ] as const) {
      const outcome = await call(target, {}, meta(5_000));
      expect(outcome).toMatchObject({ ok: false, error: 'the target does not exist' });
    }
  });
});
