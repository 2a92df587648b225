import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localStackOutputs } from '../../localstack/client-token.js';
import { ApiClient } from '../support/api-client.js';
import { eventually } from '../support/eventually.js';
import { localAws } from '../support/local-aws.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * A new user's first hour against the deployed stack: what happens to runs when their job goes, and edits
 * that accept what a GET returned.
 */
describe('the deployed stack, as a new user meets it', () => {
  const receiver = new WebhookReceiver();
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient(localAws));
  let api: ApiClient;

  beforeAll(async () => {
    await receiver.start();
    api = await ApiClient.forTenant('alpha');
  });
  afterAll(async () => {
    await api.cleanup();
    await receiver.stop();
  });

  /** The run items of a job, read off the table: the API answers 404 for a deleted job's runs. */
  const runItemsOf = async (jobId: string) =>
    (
      await documents.send(
        new QueryCommand({
          TableName: localStackOutputs().TableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :runs)',
          ExpressionAttributeValues: { ':pk': `JOB#${jobId}`, ':runs': 'RUN#' },
          ConsistentRead: true,
        }),
      )
    ).Items ?? [];

  it('deleting a job while its run waits for a retry closes that run as SKIPPED job_deleted: nothing stays RUNNING', async () => {
    receiver.respondWith(500);
    const created = await api.request<{ id: string }>('POST', '/api/jobs', {
      name: 'deleted while retrying',
      // Starting tomorrow: a new rate schedule fires at once (on AWS, and locally with the schedule driver);
      // only the manual run is watched here.
      schedule: { expression: 'rate(1 day)', startAt: new Date(Date.now() + 86_400_000).toISOString() },
      target: { type: 'http', url: receiver.url('/deleted-while-retrying') },
      retryPolicy: { maxAttempts: 5, initialDelaySeconds: 20, maxDelaySeconds: 60, multiplier: 2 },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const executed = await api.request<{ runId: string }>('POST', `/api/jobs/${id}/execute`);
    expect(executed.status).toBe(202);
    await receiver.waitForCalls('/deleted-while-retrying', 1, 30_000);
    await eventually(
      () =>
        api.request<{ status: string; nextAttemptAt?: string }>(
          'GET',
          `/api/jobs/${id}/runs/${encodeURIComponent(executed.body.runId)}`,
        ),
      (response) => response.body.nextAttemptAt !== undefined,
      10_000,
    );

    expect((await api.request('DELETE', `/api/jobs/${id}`)).status).toBe(204);

    const runs = await runItemsOf(id);
    expect(runs.map((run) => [run.runId, run.status, run.skipReason])).toEqual([
      [executed.body.runId, 'SKIPPED', 'job_deleted'],
    ]);
    // The retry's delivery comes back, finds the job gone, and neither calls nor reopens anything.
    await new Promise((resolve) => setTimeout(resolve, 25_000));
    expect(receiver.callsTo('/deleted-while-retrying')).toHaveLength(1);
    expect((await runItemsOf(id)).filter((run) => run.status === 'RUNNING')).toEqual([]);
  });

  it("an unknown route answers the API's route_not_found problem, and only to an authenticated caller", async () => {
    const unknown = await api.request<{ code?: string }>('GET', '/api/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(unknown.body.code).toBe('route_not_found');
    expect((await ApiClient.anonymous().request('GET', '/api/no-such-thing')).status).toBe(401);
  });

  it('GET → edit → PUT round-trips: the read-only fields a GET returned are accepted unchanged', async () => {
    const created = await api.request<{ id: string }>('POST', '/api/jobs', {
      name: 'round trip',
      schedule: { expression: '0 9 * * *', timezone: 'europe/berlin' },
      target: { type: 'http', url: 'https://hooks.example.com/round-trip' },
    });
    expect(created.status).toBe(201);
    const read = await api.request<Record<string, unknown>>('GET', `/api/jobs/${created.body.id}`);
    expect(read.body.schedule).toMatchObject({ timezone: 'Europe/Berlin' });
    const put = await api.request('PUT', `/api/jobs/${created.body.id}`, {
      ...read.body,
      name: 'round trip 2',
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: 'round trip 2', revision: 2 });
    const changed = await api.request<{ code?: string; errors?: Array<{ path: string }> }>(
      'PUT',
      `/api/jobs/${created.body.id}`,
      { ...put.body, status: 'PAUSED' },
    );
    expect(changed.status).toBe(400);
    expect(JSON.stringify(changed.body)).toContain('status');
  });

  it('PATCH with a merge patch changes the fields named; with a stale If-Match it answers 412', async () => {
    const created = await api.request<{ id: string }>('POST', '/api/jobs', {
      name: 'patched',
      description: 'to be removed',
      schedule: { expression: 'rate(1 day)' },
      target: { type: 'http', url: 'https://hooks.example.com/patched' },
    });
    const path = `/api/jobs/${created.body.id}`;
    const patched = await api.request(
      'PATCH',
      path,
      { description: null, schedule: { expression: 'rate(2 days)' } },
      { 'content-type': 'application/merge-patch+json', 'if-match': '"1"' },
    );
    expect(patched.status).toBe(200);
    expect(patched.headers.get('etag')).toBe('"2"');
    expect(patched.body).toMatchObject({ name: 'patched', schedule: { expression: 'rate(2 days)' } });
    expect(patched.body.description).toBeUndefined();
    const stale = await api.request(
      'PATCH',
      path,
      { name: 'lost update' },
      { 'content-type': 'application/merge-patch+json', 'if-match': '"1"' },
    );
    expect(stale.status).toBe(412);
    expect((await api.request('GET', path)).body).toMatchObject({ name: 'patched', revision: 2 });
  });

  it('answers common first mistakes with the fix: seconds, a city for a zone, EST, a schedule as a string', async () => {
    const attempt = (schedule: unknown) =>
      api.request<{ errors?: Array<{ path: string; message: string }> }>('POST', '/api/jobs', {
        name: 'first mistake',
        schedule,
        target: { type: 'http', url: 'https://hooks.example.com/mistake' },
      });
    const cases: Array<[unknown, string]> = [
      [{ expression: 'rate(30 seconds)' }, 'rate(1 minute)'],
      [{ expression: '0 0 9 * * *' }, "'0 9 * * *'"],
      [{ expression: '0 9 * * *', timezone: 'Berlin' }, 'Europe/Berlin'],
      [{ expression: '0 9 * * *', timezone: 'EST' }, 'America/New_York'],
      ['0 9 * * *', '{"expression": "0 9 * * *", "timezone": "UTC"}'],
    ];
    for (const [schedule, fix] of cases) {
      const answer = await attempt(schedule);
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.map((error) => error.message).join(' ')).toContain(fix);
    }
  });

  it('a job shows why it has or has not fired: its schedule state, the next fire in its zone, nextRunAt ahead', async () => {
    const created = await api.request<{ id: string }>('POST', '/api/jobs', {
      name: 'firing state',
      schedule: { expression: '0 9 * * *', timezone: 'Europe/Berlin' },
      target: { type: 'http', url: 'https://hooks.example.com/firing' },
    });
    const read = await api.request<{ nextRunAt: string; firing: Record<string, unknown> }>(
      'GET',
      `/api/jobs/${created.body.id}`,
    );
    expect(read.body.firing).toMatchObject({
      schedule: 'enabled',
      nextFireAt: read.body.nextRunAt,
      nextFireLocal: expect.stringMatching(/T09:00:00\+0[12]:00$/),
    });
    expect(Date.parse(read.body.nextRunAt)).toBeGreaterThan(Date.now());
    const failing = await api.request<{ items: unknown[] }>('GET', '/api/jobs?lastRunStatus=FAILED');
    expect(failing.status).toBe(200);
  });
});
