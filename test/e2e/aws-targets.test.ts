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
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localStackOutputs } from '../../localstack/client-token.js';
import { ApiClient } from '../support/api-client.js';
import { eventually } from '../support/eventually.js';
import { hostileTenantLedger } from '../support/hostile-tenant.js';
import { createRecordingFunction, deleteFunction } from '../support/lambda-targets.js';
import { localAws } from '../support/local-aws.js';

/*
 * The EventBridge and Lambda target kinds end to end on the deployed local stack: a job created through the
 * API, executed, its target called by the deployed executor. Targets are made in the emulator for the test:
 * a bus with a rule to a queue, and a Node function that forwards the event it receives to a queue (see
 * test/support/lambda-targets.ts). The local stack's allowlist admits any queue, bus and function of the
 * local account, so these tests also see the stack refuse its own resources through the real API.
 */

interface Run {
  status: string;
  attempt: number;
  outcome?: { statusCode?: number; durationMs: number; error?: string };
  attempts?: Array<{ attempt: number; outcome: { statusCode?: number; durationMs: number; error?: string } }>;
}

const sqs = new SQSClient(localAws);
const events = new EventBridgeClient(localAws);
const unique = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
/** The deployed executor's timeout: a call's deadline is inside it (its lease less safety margins). */
const EXECUTOR_TIMEOUT_MS = 30_000;

async function queue(name: string) {
  const url = (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl ?? '';
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  return { url, arn: Attributes?.QueueArn ?? '' };
}

/** The first message on `url` whose parsed body `match`es, within `ms`. */
async function receiveMatching<T>(url: string, match: (body: T) => boolean, ms = 45_000): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 }),
    );
    const found = Messages.map((m) => JSON.parse(m.Body ?? 'null') as T).find(match);
    if (found !== undefined) return found;
  }
  throw new Error(`no matching message on ${url} within ${ms} ms`);
}

describe('AWS targets on the deployed stack', () => {
  const outputs = localStackOutputs();
  const recorder = `e2e-recorder-${unique}`;
  const busName = `e2e-bus-${unique}`;
  const rule = `e2e-rule-${unique}`;
  let alpha: ApiClient;
  let inbox: { url: string; arn: string };
  let recorderArn: string;
  let busArn: string;

  beforeAll(async () => {
    alpha = await ApiClient.forTenant('alpha');
    inbox = await queue(`e2e-inbox-${unique}`);
    recorderArn = await createRecordingFunction(recorder, { queueUrl: inbox.url, timeoutSeconds: 120 });
    busArn = (await events.send(new CreateEventBusCommand({ Name: busName }))).EventBusArn ?? '';
    await events.send(
      new PutRuleCommand({
        Name: rule,
        EventBusName: busName,
        EventPattern: JSON.stringify({ source: ['alpha.jobs'] }),
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: rule,
        EventBusName: busName,
        Targets: [{ Id: 'inbox', Arn: inbox.arn }],
      }),
    );
  });
  afterAll(async () => {
    await alpha.cleanup();
    await deleteFunction(recorder);
    await events
      .send(new RemoveTargetsCommand({ Rule: rule, EventBusName: busName, Ids: ['inbox'] }))
      .catch(() => undefined);
    await events.send(new DeleteRuleCommand({ Name: rule, EventBusName: busName })).catch(() => undefined);
    await events.send(new DeleteEventBusCommand({ Name: busName })).catch(() => undefined);
    await sqs.send(new DeleteQueueCommand({ QueueUrl: inbox.url })).catch(() => undefined);
  });

  /** Creates a job on a daily schedule (so only the manual execution fires it) and executes it now. */
  async function executeJob(name: string, target: unknown, payload: unknown, retryPolicy?: unknown) {
    const created = await alpha.request<{ id: string }>('POST', '/api/jobs', {
      name,
      schedule: { expression: 'rate(1 day)' },
      target,
      payload,
      ...(retryPolicy ? { retryPolicy } : {}),
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const executed = await alpha.request<{ runId: string }>('POST', `/api/jobs/${id}/execute`);
    expect(executed.status).toBe(202);
    return { id, runId: executed.body.runId };
  }

  const runOf = (id: string, runId: string) =>
    alpha.request<Run>('GET', `/api/jobs/${id}/runs/${encodeURIComponent(runId)}`);
  const finished = (response: { body: Run }) => ['SUCCEEDED', 'FAILED'].includes(response.body.status);

  it('puts an event on a bus: a rule delivers it with the job payload in detail.payload', async () => {
    const { id, runId } = await executeJob(
      'to a bus',
      { type: 'eventbridge', eventBusArn: busArn, source: 'alpha.jobs', detailType: 'Report Due' },
      { report: 'daily', unique },
    );
    const event = await receiveMatching<{
      source?: string;
      'detail-type'?: string;
      detail?: Record<string, unknown>;
    }>(inbox.url, (body) => body?.source === 'alpha.jobs' && body.detail?.runId === runId);
    expect(event['detail-type']).toBe('Report Due');
    expect(event.detail).toEqual({ jobId: id, runId, payload: { report: 'daily', unique } });
    const run = await eventually(() => runOf(id, runId), finished, 30_000);
    expect(run.body).toMatchObject({ status: 'SUCCEEDED', attempt: 1 });
  });

  it.each(['Event', 'RequestResponse'] as const)(
    'invokes a function (%s) with the job payload',
    async (invocationType) => {
      const { id, runId } = await executeJob(
        `to a function: ${invocationType}`,
        { type: 'lambda', functionArn: recorderArn, invocationType },
        { invocationType, unique },
      );
      const received = await receiveMatching<{ invocationType?: string; unique?: string }>(
        inbox.url,
        (body) => body?.invocationType === invocationType && body.unique === unique,
      );
      expect(received).toEqual({ invocationType, unique });
      const run = await eventually(() => runOf(id, runId), finished, 30_000);
      expect(run.body).toMatchObject({
        status: 'SUCCEEDED',
        attempt: 1,
        outcome: { statusCode: invocationType === 'Event' ? 202 : 200 },
      });
    },
  );

  it('bounds a slow RequestResponse function by the deadline: each attempt times out, the run fails after its attempts', async () => {
    // The function sleeps 100 s (its timeout is 120 s); the executor's deadline is inside its 30 s lease.
    const started = Date.now();
    const { id, runId } = await executeJob(
      'to a slow function',
      { type: 'lambda', functionArn: recorderArn, invocationType: 'RequestResponse' },
      { sleepMs: 100_000, slow: unique },
      { maxAttempts: 2, initialDelaySeconds: 1, maxDelaySeconds: 1, multiplier: 1 },
    );
    const run = await eventually(() => runOf(id, runId), finished, 2 * EXECUTOR_TIMEOUT_MS + 60_000, 1_000);
    console.log(`slow RequestResponse target: run ${run.body.status} after ${Date.now() - started} ms`);
    expect(run.body).toMatchObject({ status: 'FAILED', attempt: 2 });
    expect(run.body.attempts).toHaveLength(2);
    for (const attempt of run.body.attempts ?? []) {
      expect(attempt.outcome.error).toMatch(/^timed out after \d+(\.\d)? s$/);
      // Abandoned inside the executor's lifetime: the batch (and the other fires in it) was not killed.
      expect(attempt.outcome.durationMs).toBeLessThan(EXECUTOR_TIMEOUT_MS);
    }
  });

  describe('a hostile tenant aiming jobs at the deployed stack itself', () => {
    const ledger = hostileTenantLedger('AWS targets on the deployed stack');
    const region = 'us-east-1';
    const account = '000000000000';

    it('is refused every queue, function and bus of the stack, and the run-event source', async () => {
      const dispatchName = outputs.DispatchQueueUrl?.split('/').at(-1) ?? '';
      const deadLetterName = outputs.DeadLetterQueueUrl?.split('/').at(-1) ?? '';
      const attacks: Array<[string, unknown]> = [
        ['the dispatch queue', { type: 'sqs', queueArn: `arn:aws:sqs:${region}:${account}:${dispatchName}` }],
        [
          'the dead-letter queue',
          { type: 'sqs', queueArn: `arn:aws:sqs:${region}:${account}:${deadLetterName}` },
        ],
        [
          'the reconciler function',
          {
            type: 'lambda',
            functionArn: `arn:aws:lambda:${region}:${account}:function:${outputs.ReconcilerFunctionName}`,
            invocationType: 'RequestResponse',
          },
        ],
        [
          'the run-event bus',
          {
            type: 'eventbridge',
            eventBusArn: `arn:aws:events:${region}:${account}:event-bus/${outputs.EventBusName}`,
            source: 'alpha.jobs',
            detailType: 'Job Run Succeeded',
          },
        ],
        [
          'the run-event source',
          {
            type: 'eventbridge',
            eventBusArn: busArn,
            source: 'serverless-scheduler',
            detailType: 'Job Run Failed',
          },
        ],
      ];
      for (const [attack, target] of attacks) {
        await ledger.attempt(`create a job targeting ${attack}`, async () => {
          const response = await alpha.request<{ code?: string }>('POST', '/api/jobs', {
            name: 'hostile',
            schedule: { expression: 'rate(1 day)' },
            target,
          });
          expect(response.body.code).toBe('target_is_the_service');
          return response.status < 300;
        });
      }
    });
  });
});
