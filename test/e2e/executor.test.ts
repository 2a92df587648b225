import {
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
import { localAws } from '../support/local-aws.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

/** The local Scheduler sweeps every 10 s; a fire may also wait for the executor's cold start. */
const FIRING_DELAY_MS = 10_000 + 15_000;

interface Run {
  status: string;
  attempt: number;
  attempts?: Array<{ attempt: number; outcome: { statusCode?: number } }>;
}

describe('the deployed executor', () => {
  const receiver = new WebhookReceiver();
  const sqs = new SQSClient(localAws);
  const events = new EventBridgeClient(localAws);
  const outputs = localStackOutputs();
  const ruleName = `e2e-run-events-${Date.now()}`;
  let api: ApiClient;
  let eventsQueueUrl: string;

  beforeAll(async () => {
    await receiver.start();
    api = await ApiClient.forTenant('alpha');
    // Subscribe a queue to the stack's run events, as an operator's alerting would.
    eventsQueueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: ruleName }))).QueueUrl ?? '';
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: eventsQueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await events.send(
      new PutRuleCommand({
        Name: ruleName,
        EventBusName: outputs.EventBusName,
        EventPattern: JSON.stringify({ source: ['serverless-scheduler'] }),
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: ruleName,
        EventBusName: outputs.EventBusName,
        Targets: [{ Id: 'queue', Arn: Attributes?.QueueArn }],
      }),
    );
  });
  afterAll(async () => {
    await api.cleanup();
    await receiver.stop();
    await events.send(
      new RemoveTargetsCommand({ Rule: ruleName, EventBusName: outputs.EventBusName, Ids: ['queue'] }),
    );
    await events.send(new DeleteRuleCommand({ Name: ruleName, EventBusName: outputs.EventBusName }));
    await sqs.send(new DeleteQueueCommand({ QueueUrl: eventsQueueUrl }));
  });

  it('retries a fire whose webhook fails its first call: the second attempt succeeds, the history shows both, an event says so', async () => {
    receiver.respondWith(500);
    const created = await api.request<{ id: string }>('POST', '/api/jobs', {
      name: 'flaky receiver',
      schedule: { expression: 'rate(1 minute)' },
      target: { type: 'http', url: receiver.url('/flaky') },
      retryPolicy: { maxAttempts: 3, initialDelaySeconds: 2, maxDelaySeconds: 10, multiplier: 2 },
      payload: { n: 1 },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const calls = await receiver.waitForCalls('/flaky', 2, 60_000 + FIRING_DELAY_MS + 15_000);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    const [first, second] = calls;
    expect(second?.headers['idempotency-key']).toBe(first?.headers['idempotency-key']);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(2_000);
    const runId = String(first?.headers['idempotency-key']).split('/')[1] ?? '';

    const run = await eventually(
      () => api.request<Run>('GET', `/api/jobs/${id}/runs/${encodeURIComponent(runId)}`),
      (response) => response.body.status === 'SUCCEEDED',
      10_000,
    );
    expect(run.body).toMatchObject({ status: 'SUCCEEDED', attempt: 2 });
    expect(run.body.attempts?.map((attempt) => attempt.outcome.statusCode)).toEqual([500, 200]);
    await api.request('DELETE', `/api/jobs/${id}`);

    const received = await eventually(
      () =>
        sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: eventsQueueUrl,
            WaitTimeSeconds: 1,
            MaxNumberOfMessages: 10,
          }),
        ),
      (result) => (result.Messages ?? []).some((message) => message.Body?.includes(runId)),
      15_000,
    );
    const event = JSON.parse(
      (received.Messages ?? []).find((message) => message.Body?.includes(runId))?.Body ?? '{}',
    );
    expect(event).toMatchObject({
      source: 'serverless-scheduler',
      'detail-type': 'Job Run Succeeded',
      detail: { jobId: id, runId, status: 'SUCCEEDED', attempt: 2, tenant: expect.any(String) },
    });
  });
});
