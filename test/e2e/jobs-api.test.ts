import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.js';
import { eventually } from '../support/eventually.js';
import { localAws } from '../support/local-aws.js';

type Json = Record<string, unknown>;
interface Page {
  items: Array<{ id: string; name: string; createdAt: string }>;
  nextCursor?: string;
}

const hook = { type: 'http', url: 'https://hooks.example.com/e2e' };
const job = (name: string, extra: Json = {}) => ({
  name,
  schedule: { expression: 'rate(1 day)' },
  target: hook,
  ...extra,
});

describe('the deployed jobs API', () => {
  let alpha: ApiClient;
  let beta: ApiClient;
  let alphaReader: ApiClient;

  beforeAll(async () => {
    [alpha, beta, alphaReader] = await Promise.all([
      ApiClient.forTenant('alpha'),
      ApiClient.forTenant('beta'),
      ApiClient.forTenant('alpha', ['scheduler/jobs:read']),
    ]);
  });
  afterAll(async () => {
    await alpha.cleanup();
    await beta.cleanup();
  });

  it('refuses callers without a token (401) and a read-only token on writes (403)', async () => {
    const anonymous = ApiClient.anonymous();
    expect((await anonymous.request('GET', '/api/health')).status).toBe(401);
    expect((await anonymous.request('POST', '/api/jobs', job('x'))).status).toBe(401);
    expect((await alphaReader.request('POST', '/api/jobs', job('x'))).status).toBe(403);
    expect((await alphaReader.request('GET', '/api/jobs')).status).toBe(200);
    const forged = new ApiClient(
      (alpha as unknown as { baseUrl: string }).baseUrl,
      'eyJhbGciOiJSUzI1NiJ9.e30.c2ln',
    );
    expect((await forged.request('GET', '/api/jobs')).status).toBe(401);
  });

  it('walks a job through every endpoint', async () => {
    const created = await alpha.request<Json>('POST', '/api/jobs', job('lifecycle'), {
      'idempotency-key': `e2e-${Date.now()}`,
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const id = String(created.body.id);
    expect(created.headers.get('location')).toBe(`/api/jobs/${id}`);

    expect((await alpha.request('GET', `/api/jobs/${id}`)).body).toMatchObject({
      id,
      name: 'lifecycle',
      revision: 1,
    });
    const stale = await alpha.request<Json>('PUT', `/api/jobs/${id}`, job('renamed'), { 'if-match': '"5"' });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toBe('application/problem+json');
    const put = await alpha.request<Json>(
      'PUT',
      `/api/jobs/${id}`,
      job('renamed', { schedule: { expression: 'cron(0 9 ? * MON-FRI *)', timezone: 'Europe/Berlin' } }),
      {
        'if-match': '"1"',
      },
    );
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: 'renamed', revision: 2 });

    const paused = await alpha.request<Json>('POST', `/api/jobs/${id}/pause`, { reason: 'e2e' });
    expect(paused.body).toMatchObject({ status: 'PAUSED', pausedReason: 'e2e' });
    const resumed = await alpha.request<Json>('POST', `/api/jobs/${id}/resume`);
    expect(resumed.body).toMatchObject({ status: 'ACTIVE', revision: 4 });

    const runs = await alpha.request<Page>('GET', `/api/jobs/${id}/runs?limit=5`);
    expect(runs.status).toBe(200);
    expect((await alpha.request('GET', `/api/jobs/${id}/runs/nope`)).status).toBe(404);

    const preview = await alpha.request<{ fires: unknown[] }>('POST', '/api/schedules/preview', {
      schedule: { expression: '0 9 * * 1-5', timezone: 'America/New_York' },
      count: 5,
    });
    expect(preview.status).toBe(200);
    expect(preview.body.fires).toHaveLength(5);

    const spec = await alpha.request<{ openapi: string }>('GET', '/api/openapi.json');
    expect(spec.body.openapi).toBe('3.1.0');
    const health = await alpha.request<Json>('GET', '/api/health');
    expect(health.body).toMatchObject({
      status: 'ok',
      checks: { table: { ok: true }, queue: { ok: true }, scheduleGroup: { ok: true } },
    });

    expect((await alpha.request('DELETE', `/api/jobs/${id}`, undefined, { 'if-match': '"4"' })).status).toBe(
      204,
    );
    expect((await alpha.request('GET', `/api/jobs/${id}`)).status).toBe(404);
  });

  it("keeps tenants apart: another tenant's job answers 404 everywhere, exactly like a missing one", async () => {
    const created = await alpha.request<Json>('POST', '/api/jobs', job('private'));
    const id = String(created.body.id);
    const missing = await beta.request<Json>('GET', '/api/jobs/01JZZZZZZZZZZZZZZZZZZZZZZZ');
    for (const [method, path, body] of [
      ['GET', `/api/jobs/${id}`],
      ['PUT', `/api/jobs/${id}`, job('taken over')],
      ['DELETE', `/api/jobs/${id}`],
      ['POST', `/api/jobs/${id}/execute`],
      ['POST', `/api/jobs/${id}/pause`],
      ['GET', `/api/jobs/${id}/runs`],
    ] as const) {
      const response = await beta.request<Json>(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.code).toBe(missing.body.code);
    }
    const betaList = await beta.request<Page>('GET', '/api/jobs?namePrefix=private');
    expect(betaList.body.items).toEqual([]);
    expect((await alpha.request('GET', `/api/jobs/${id}`)).status).toBe(200);
    await alpha.request('DELETE', `/api/jobs/${id}`);
  });

  it('answers bad input with problem documents, never a 5xx', async () => {
    const cases: Array<[string, string, unknown, number]> = [
      ['POST', '/api/jobs', '{"name":', 400],
      ['POST', '/api/jobs', { ...job('bad'), schedule: { expression: 'rate(1 fortnight)' } }, 400],
      ['POST', '/api/jobs', { ...job('bad'), schedule: { expression: '0 9 1 * 1' } }, 400],
      [
        'POST',
        '/api/jobs',
        { ...job('bad'), target: { type: 'http', url: 'http://169.254.169.254/latest' } },
        400,
      ],
      [
        'POST',
        '/api/jobs',
        { ...job('bad'), target: { type: 'sqs', queueArn: 'arn:aws:sqs:us-east-1:999999999999:q' } },
        403,
      ],
      ['POST', '/api/jobs', { ...job('bad'), extra: true }, 400],
      ['POST', '/api/jobs', { ...job('bad'), payload: 'x'.repeat(70_000) }, 400],
      ['POST', '/api/jobs', 'x'.repeat(140_000), 413],
      ['GET', '/api/jobs?limit=1000', undefined, 400],
      ['GET', '/api/jobs?cursor=bm90LWEtY3Vyc29y', undefined, 400],
      ['GET', '/api/jobs/not-an-id', undefined, 400],
      ['POST', '/api/schedules/preview', { schedule: { expression: 'cron(0 0 * * * *)' } }, 400],
    ];
    for (const [method, path, body, status] of cases) {
      const response = await alpha.request<Json>(method, path, body);
      expect(response.status, `${method} ${path} ${String(JSON.stringify(body)).slice(0, 80)}`).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(typeof response.body.code).toBe('string');
    }
  });

  it('pages through 250 jobs with no duplicates and no gaps', async () => {
    const prefix = `page-${Date.now()}-`;
    const ids: string[] = [];
    for (let batch = 0; batch < 250; batch += 10) {
      const created = await Promise.all(
        Array.from({ length: 10 }, (_, n) =>
          alpha.request<Json>('POST', '/api/jobs', job(`${prefix}${batch + n}`)),
        ),
      );
      for (const response of created) {
        expect(response.status).toBe(201);
        ids.push(String(response.body.id));
      }
    }
    const seen: string[] = [];
    const order: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = `?limit=37&namePrefix=${prefix}${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await alpha.request<Page>('GET', `/api/jobs${query}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((item) => item.id));
      order.push(...page.body.items.map((item) => `${item.createdAt}#${item.id}`));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...ids].sort());
    // Newest first.
    expect(order).toEqual([...order].sort().reverse());
    for (let n = 0; n < ids.length; n += 10) {
      await Promise.all(ids.slice(n, n + 10).map((id) => alpha.request('DELETE', `/api/jobs/${id}`)));
    }
  });

  describe('an SQS target', () => {
    const sqs = new SQSClient(localAws);
    let queueUrl: string;
    let queueArn: string;
    beforeAll(async () => {
      queueUrl =
        (await sqs.send(new CreateQueueCommand({ QueueName: `e2e-target-${Date.now()}` }))).QueueUrl ?? '';
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
      );
      queueArn = Attributes?.QueueArn ?? '';
    });
    afterAll(async () => {
      await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    });

    it('receives the payload of a manual execution, with the job and run ids as attributes', async () => {
      const created = await alpha.request<Json>('POST', '/api/jobs', {
        name: 'to a queue',
        schedule: { expression: 'rate(1 day)' },
        target: { type: 'sqs', queueArn },
        payload: { invoice: 42 },
      });
      expect(created.status).toBe(201);
      const id = String(created.body.id);
      const executed = await alpha.request<{ runId: string }>('POST', `/api/jobs/${id}/execute`);
      const received = await eventually(
        () =>
          sqs.send(
            new ReceiveMessageCommand({
              QueueUrl: queueUrl,
              WaitTimeSeconds: 1,
              MessageAttributeNames: ['All'],
              MaxNumberOfMessages: 10,
            }),
          ),
        (result) =>
          (result.Messages ?? []).some(
            (m) => m.MessageAttributes?.runId?.StringValue === executed.body.runId,
          ),
        30_000,
      );
      const message = (received.Messages ?? []).find(
        (m) => m.MessageAttributes?.runId?.StringValue === executed.body.runId,
      );
      expect(JSON.parse(message?.Body ?? '{}')).toEqual({ invoice: 42 });
      expect(message?.MessageAttributes?.jobId?.StringValue).toBe(id);
      await alpha.request('DELETE', `/api/jobs/${id}`);
    });
  });
});
