import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localStackOutputs } from '../../localstack/client-token.js';
import { ApiClient } from '../support/api-client.js';
import { eventually } from '../support/eventually.js';
import { hostileTenantLedger } from '../support/hostile-tenant.js';
import { dynamodb, localAws } from '../support/local-aws.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

/** The emulator polls the DLQ for the sorter like Lambda's event source; allow for a cold start. */
const SORTING_MS = 45_000;
/** A redriven fire waits for the executor's poll (and maybe its cold start). */
const RUN_MS = 60_000;

interface DeadFireOut {
  id: string;
  messageId: string;
  fire: { jobId: string; scheduledTime: string };
  sentAt: string;
  filedAt: string;
}
type DeadFirePage = { items: DeadFireOut[]; nextCursor?: string };

describe('dead letters per tenant on the deployed stack', () => {
  const ledger = hostileTenantLedger('dead letters, deployed');
  const receiver = new WebhookReceiver();
  const sqs = new SQSClient(localAws);
  const outputs = localStackOutputs();
  let alpha: ApiClient;
  let beta: ApiClient;
  const jobs = { alpha: '', beta: '' };
  const tenants = { alpha: '', beta: '' };
  const sent: Record<'alpha' | 'beta' | 'forged' | 'malformed', string> = {
    alpha: '',
    beta: '',
    forged: '',
    malformed: '',
  };
  const scheduledTime = new Date(Date.now() - 60_000).toISOString();
  const fire = (tenant: string, jobId: string) =>
    JSON.stringify({ jobId, tenant, revision: 1, scheduledTime });

  /** The tenant a job is stored under, as the sorter verifies it (the API never shows it). */
  const tenantOf = async (jobId: string) => {
    const { Item } = await dynamodb.send(
      new GetItemCommand({
        TableName: outputs.TableName,
        Key: { PK: { S: `JOB#${jobId}` }, SK: { S: 'META' } },
      }),
    );
    return Item?.tenant?.S ?? '';
  };
  const deadLetter = async (body: string) =>
    (await sqs.send(new SendMessageCommand({ QueueUrl: outputs.DeadLetterQueueUrl, MessageBody: body })))
      .MessageId ?? '';
  const deadFiresOf = async (client: ApiClient) =>
    (await client.request<DeadFirePage>('GET', '/api/dlq?limit=50')).body.items ?? [];

  beforeAll(async () => {
    await receiver.start();
    [alpha, beta] = await Promise.all([ApiClient.forTenant('alpha'), ApiClient.forTenant('beta')]);
    for (const [name, client] of [
      ['alpha', alpha],
      ['beta', beta],
    ] as const) {
      const created = await client.request<{ id: string }>('POST', '/api/jobs', {
        name: `dead-letters-${name}`,
        schedule: { expression: 'rate(1 day)' },
        target: { type: 'http', url: receiver.url(`/dead-letters-${name}`) },
      });
      expect(created.status).toBe(201);
      jobs[name] = created.body.id;
      tenants[name] = await tenantOf(created.body.id);
    }
    expect(tenants.alpha).not.toBe('');
    expect(tenants.alpha).not.toBe(tenants.beta);
    // As SQS would after 20 failed receives (and the executor for a malformed message), plus a forgery.
    sent.alpha = await deadLetter(fire(tenants.alpha, jobs.alpha));
    sent.beta = await deadLetter(fire(tenants.beta, jobs.beta));
    sent.forged = await deadLetter(fire(tenants.beta, jobs.alpha));
    sent.malformed = await deadLetter('{"not":"a fire"}');
  });
  afterAll(async () => {
    await alpha?.cleanup();
    await beta?.cleanup();
    await receiver.stop();
  });

  it("files each dead fire under its job's tenant; each sees only its own, forged and malformed ones go to quarantine", async () => {
    const mine = await eventually(
      () => deadFiresOf(alpha),
      (items) => items.some((item) => item.messageId === sent.alpha),
      SORTING_MS,
    );
    expect(mine.find((item) => item.messageId === sent.alpha)).toMatchObject({
      fire: { jobId: jobs.alpha, scheduledTime },
    });
    const theirs = await eventually(
      () => deadFiresOf(beta),
      (items) => items.some((item) => item.messageId === sent.beta),
      SORTING_MS,
    );
    await ledger.attempt("beta sees alpha's dead fire", () =>
      theirs.some((item) => item.fire.jobId === jobs.alpha),
    );
    await ledger.attempt("a forged dead letter naming beta with alpha's job shows in either list", async () =>
      [...theirs, ...(await deadFiresOf(alpha))].some((item) => item.messageId === sent.forged),
    );
    // The quarantine is for operators: peek without hiding anything (visibility 0).
    const quarantined = await eventually(
      async () => {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: outputs.QuarantineQueueUrl,
            MaxNumberOfMessages: 10,
            VisibilityTimeout: 0,
            MessageAttributeNames: ['All'],
          }),
        );
        return Messages.map((message) => ({
          original: message.MessageAttributes?.originalMessageId?.StringValue,
          reason: message.MessageAttributes?.quarantineReason?.StringValue,
        }));
      },
      (seen) => [sent.forged, sent.malformed].every((id) => seen.some((message) => message.original === id)),
      SORTING_MS,
    );
    expect(quarantined).toEqual(
      expect.arrayContaining([
        { original: sent.forged, reason: 'tenant_mismatch' },
        { original: sent.malformed, reason: 'malformed' },
      ]),
    );
  });

  it("refuses beta's cursor and ids to alpha, and redrives alpha's dead fire into a run", async () => {
    const betaItem = (await deadFiresOf(beta)).find((item) => item.messageId === sent.beta);
    expect(betaItem).toBeDefined();
    await ledger.attempt("alpha lists beta's dead fires with a cursor naming beta's partition", async () => {
      const cursor = Buffer.from(
        JSON.stringify({ PK: `DEADLETTER#${tenants.beta}`, SK: betaItem?.id ?? '' }),
      ).toString('base64url');
      const page = await alpha.request<DeadFirePage>('GET', `/api/dlq?cursor=${cursor}`);
      return page.status !== 400;
    });
    await ledger.attempt("alpha redrives beta's dead fire by its id", async () => {
      const moved = await alpha.request<{ redriven: number }>('POST', '/api/dlq/redrive', {
        ids: [betaItem?.id],
      });
      return moved.body.redriven !== 0 || !(await deadFiresOf(beta)).some((item) => item.id === betaItem?.id);
    });

    const alphaItem = (await deadFiresOf(alpha)).find((item) => item.messageId === sent.alpha);
    const moved = await alpha.request<{ redriven: number }>('POST', '/api/dlq/redrive', {
      ids: [alphaItem?.id],
    });
    expect(moved).toMatchObject({ status: 200, body: { redriven: 1 } });
    expect((await deadFiresOf(alpha)).some((item) => item.messageId === sent.alpha)).toBe(false);
    const runs = await eventually(
      () =>
        alpha.request<{ items: Array<{ runId: string; status: string }> }>(
          'GET',
          `/api/jobs/${jobs.alpha}/runs`,
        ),
      (page) => page.body.items.some((run) => run.runId === scheduledTime && run.status === 'SUCCEEDED'),
      RUN_MS,
    );
    expect(runs.body.items.find((run) => run.runId === scheduledTime)?.status).toBe('SUCCEEDED');
    // Beta's dead fire is still there, for beta alone to redrive.
    expect((await deadFiresOf(beta)).some((item) => item.id === betaItem?.id)).toBe(true);
  });
});
