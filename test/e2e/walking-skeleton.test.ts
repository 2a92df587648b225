import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.js';
import { eventually } from '../support/eventually.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

/** The local Scheduler sweeps every 10 s; a fire may also wait for the executor's cold start. */
const FIRING_DELAY_MS = 10_000 + 15_000;

interface JobBody {
  id: string;
  status: string;
  nextRunAt?: string;
  lastRunAt?: string;
  lastRunStatus?: string;
  createdAt: string;
}

describe('the deployed stack fires jobs into a webhook', () => {
  const receiver = new WebhookReceiver();
  let api: ApiClient;

  beforeAll(async () => {
    await receiver.start();
    api = await ApiClient.forTenant('alpha');
  });
  afterAll(async () => {
    await api.cleanup();
    await receiver.stop();
  });

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

  it.concurrent('fires a rate(1 minute) job into the webhook with its payload, and stops after DELETE', async () => {
    const job = await createJob('every minute', 'rate(1 minute)', '/rate', { kind: 'rate', n: 1 });
    const anchor = Date.parse(job.createdAt);
    // AWS fires a new rate schedule at once; the local Scheduler one interval later. Wait for either.
    const [first] = await receiver.waitForCalls('/rate', 1, 60_000 + FIRING_DELAY_MS);
    expect(first, 'the first fire reached the webhook').toBeDefined();
    expect(JSON.parse(first?.body ?? '')).toEqual({ kind: 'rate', n: 1 });
    const [keyJob, keyTime] = String(first?.headers['idempotency-key']).split('/');
    expect(keyJob).toBe(job.id);
    const fireMs = Date.parse(keyTime ?? '');
    expect((fireMs - anchor) % 60_000, 'the fire is one of the schedule’s times').toBe(0);
    expect(fireMs).toBeLessThanOrEqual(first?.at ?? 0);

    const read = await eventually(
      () => api.request<JobBody>('GET', `/api/jobs/${job.id}`),
      (response) => response.body.lastRunAt !== undefined,
      5_000,
    );
    expect(read.body).toMatchObject({
      lastRunAt: new Date(fireMs).toISOString(),
      lastRunStatus: 'SUCCEEDED',
    });
    expect(Date.parse(read.body.nextRunAt ?? '')).toBe(fireMs + 60_000);

    expect((await api.request('DELETE', `/api/jobs/${job.id}`)).status).toBe(204);
    expect((await api.request('GET', `/api/jobs/${job.id}`)).status).toBe(404);
    const callsAtDelete = receiver.callsTo('/rate').length;
    // The next fire would have been due one minute after the first: wait past it and its firing delay.
    const quietUntil = fireMs + 60_000 + FIRING_DELAY_MS;
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
    const read = await eventually(
      () => api.request<JobBody>('GET', `/api/jobs/${job.id}`),
      (response) => response.body.status === 'COMPLETED',
      5_000,
    );
    expect(read.body).toMatchObject({ status: 'COMPLETED', lastRunStatus: 'SUCCEEDED' });
    expect(read.body.nextRunAt).toBeUndefined();
    const runs = await api.request<{ items: Array<{ status: string; trigger: string }> }>(
      'GET',
      `/api/jobs/${job.id}/runs`,
    );
    expect(runs.body.items).toEqual([expect.objectContaining({ status: 'SUCCEEDED', trigger: 'schedule' })]);
    await api.request('DELETE', `/api/jobs/${job.id}`);
  });

  it.concurrent('runs a manual execution at once, as its own run', async () => {
    const job = await createJob('manual', 'rate(1 day)', '/manual', { kind: 'manual' });
    const executed = await api.request<{ runId: string }>('POST', `/api/jobs/${job.id}/execute`);
    expect(executed.status).toBe(202);
    // rate(1 day) also fires at creation on AWS (not locally): look for the manual run's key specifically.
    const deadline = Date.now() + 30_000;
    while (
      !receiver
        .callsTo('/manual')
        .some((call) => call.headers['idempotency-key'] === `${job.id}/${executed.body.runId}`)
    ) {
      if (Date.now() > deadline) throw new Error('the manual run did not reach the webhook in 30 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const run = await eventually(
      () =>
        api.request<{ status?: string }>(
          'GET',
          `/api/jobs/${job.id}/runs/${encodeURIComponent(executed.body.runId)}`,
        ),
      (response) => response.body.status === 'SUCCEEDED',
      5_000,
    );
    expect(run.body).toMatchObject({ trigger: 'manual', status: 'SUCCEEDED', outcome: { statusCode: 200 } });
    await api.request('DELETE', `/api/jobs/${job.id}`);
  });
});
