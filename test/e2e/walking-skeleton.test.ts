import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, deployedApiUrl } from '../support/api-client.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

/** The local Scheduler sweeps every 10 s; a fire may also wait for the executor's cold start. */
const FIRING_DELAY_MS = 10_000 + 15_000;

interface JobBody {
  id: string;
  status: string;
  nextRunAt?: string;
  lastRunAt?: string;
  lastRunStatus?: string;
}

describe('the deployed stack on the local AWS', () => {
  const receiver = new WebhookReceiver();
  let api: ApiClient;

  beforeAll(async () => {
    await receiver.start();
    api = new ApiClient(deployedApiUrl());
  });
  afterAll(async () => receiver.stop());

  const createJob = async (name: string, expression: string, path: string, payload: unknown) => {
    const response = await api.request<JobBody>('POST', '/api/jobs', {
      name,
      schedule: { expression, timezone: 'UTC' },
      target: { type: 'http', url: receiver.url(path), method: 'POST' },
      payload,
    });
    expect(response.status).toBe(201);
    return response.body;
  };

  it('refuses anonymous callers', async () => {
    expect(await api.anonymous('POST', '/api/jobs', { name: 'x' })).toBe(403);
    expect(await api.anonymous('GET', '/api/jobs/01JAAAAAAAAAAAAAAAAAAAAAAA')).toBe(403);
  });

  it.concurrent('fires a rate(1 minute) job into the webhook with its payload, and stops after DELETE', async () => {
    const job = await createJob('every minute', 'rate(1 minute)', '/rate', { kind: 'rate', n: 1 });
    const firstDue = Date.parse(job.nextRunAt ?? '');
    expect(firstDue - Date.now()).toBeGreaterThan(50_000);

    const [first] = await receiver.waitForCalls('/rate', 1, firstDue - Date.now() + FIRING_DELAY_MS);
    expect(first, 'the first fire reached the webhook').toBeDefined();
    expect(first?.at).toBeGreaterThanOrEqual(firstDue);
    expect(JSON.parse(first?.body ?? '')).toEqual({ kind: 'rate', n: 1 });
    expect(first?.headers['idempotency-key']).toBe(`${job.id}/${new Date(firstDue).toISOString()}`);

    const read = await api.request<JobBody>('GET', `/api/jobs/${job.id}`);
    expect(read.body).toMatchObject({
      lastRunAt: new Date(firstDue).toISOString(),
      lastRunStatus: 'SUCCEEDED',
    });

    expect((await api.request('DELETE', `/api/jobs/${job.id}`)).status).toBe(204);
    expect((await api.request('GET', `/api/jobs/${job.id}`)).status).toBe(404);
    const callsAtDelete = receiver.callsTo('/rate').length;
    // The next fire would have been due one minute after the first: wait past it and its firing delay.
    const quietUntil = firstDue + 60_000 + FIRING_DELAY_MS;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, quietUntil - Date.now())));
    expect(receiver.callsTo('/rate')).toHaveLength(callsAtDelete);
  });

  it.concurrent('fires a one-time job exactly once and marks it COMPLETED', async () => {
    const at = new Date(Date.now() + 5_000).toISOString().slice(0, 19);
    const job = await createJob('once', `at(${at})`, '/once', { kind: 'once' });
    const calls = await receiver.waitForCalls('/once', 1, 5_000 + FIRING_DELAY_MS);
    expect(calls).toHaveLength(1);
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual({ kind: 'once' });
    // Give a duplicate every chance to show up: two more sweeps.
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    expect(receiver.callsTo('/once')).toHaveLength(1);
    const read = await api.request<JobBody>('GET', `/api/jobs/${job.id}`);
    expect(read.body).toMatchObject({ status: 'COMPLETED', lastRunStatus: 'SUCCEEDED' });
    expect(read.body.nextRunAt).toBeUndefined();
  });

  it('answers bad input with problem documents, never a 5xx', async () => {
    const invalid = await api.request<{ code: string; errors: Array<{ path: string }> }>(
      'POST',
      '/api/jobs',
      {
        name: 'bad',
        schedule: { expression: 'rate(1 fortnight)' },
        target: { type: 'http', url: 'http://169.254.169.254/latest/meta-data' },
      },
    );
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toBe('application/problem+json');
    expect(invalid.body.code).toBe('validation_failed');
    const malformed = await api.request('POST', '/api/jobs', '{"name":');
    expect(malformed.status).toBe(400);
    const missing = await api.request('GET', '/api/jobs/01JAAAAAAAAAAAAAAAAAAAAAAA');
    expect(missing.status).toBe(404);
  });
});
