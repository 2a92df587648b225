import { afterEach, describe, expect, it } from 'vitest';
import {
  bearerToken,
  SchedulerClient,
  SchedulerNetworkError,
  SchedulerProblem,
} from '../../../client/src/index.js';
import { type FakeAnswer, jobAnswer, problem, type SeenRequest, startFakeApi } from './fake-api.js';

const spec = {
  name: 'nightly-report',
  schedule: { expression: 'rate(5 minutes)' },
  target: { type: 'http' as const, url: 'https://example.com/hook' },
};

let api: Awaited<ReturnType<typeof startFakeApi>> | undefined;
afterEach(async () => api?.close());

/** A client of the fake API whose waits are recorded instead of slept. */
function clientOf(url: string, waits: number[] = []) {
  return new SchedulerClient({
    baseUrl: url,
    auth: bearerToken('t'),
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
}

/** A create endpoint that makes one job per Idempotency-Key, failing its first answers as scripted. */
function idempotentCreate(failures: FakeAnswer[], jobs: Map<string, unknown>) {
  return (request: SeenRequest): FakeAnswer => {
    const key = String(request.headers['idempotency-key']);
    const known = jobs.get(key);
    const job = known ?? jobAnswer({ id: `01JOB${jobs.size}` });
    if (!known) jobs.set(key, job);
    const failure = failures.shift();
    if (failure) return failure;
    return { status: known ? 200 : 201, body: job };
  };
}

describe('retries', () => {
  it('a create that fails with 503, then a cut connection, then succeeds makes exactly one job, under one key', async () => {
    const jobs = new Map<string, unknown>();
    api = await startFakeApi(
      idempotentCreate([{ status: 503, body: problem(503, 'dependency_failed', 'retry') }, 'drop'], jobs),
    );

    const job = await clientOf(api.url).createJob(spec);

    expect(api.requests).toHaveLength(3);
    expect(jobs.size).toBe(1);
    const keys = new Set(api.requests.map((request) => request.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(job.id).toBe('01JOB0');
  });

  it('waits as Retry-After says after a 429, then succeeds', async () => {
    const waits: number[] = [];
    api = await startFakeApi(
      idempotentCreate(
        [{ status: 429, headers: { 'retry-after': '2' }, body: problem(429, 'rate_limited', 'slow down') }],
        new Map(),
      ),
    );

    await clientOf(api.url, waits).createJob(spec);

    expect(waits).toEqual([2000]);
    expect(api.requests).toHaveLength(2);
  });

  it('backs off with jitter below an exponentially growing ceiling, and gives up after maxAttempts', async () => {
    const waits: number[] = [];
    api = await startFakeApi(() => ({ status: 503, body: problem(503, 'dependency_failed', 'down') }));
    const client = new SchedulerClient({
      baseUrl: api.url,
      auth: bearerToken('t'),
      retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 250 },
      sleep: async (ms) => {
        waits.push(ms);
      },
    });

    const failure = await client.getJob('01JOB').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(SchedulerProblem);
    expect(api.requests).toHaveLength(4);
    expect(waits).toHaveLength(3);
    waits.forEach((wait, index) => {
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThan([100, 200, 250][index] as number);
    });
  });

  it('never retries execute after a 503 or a cut connection (the fire may be queued), but does after a 429', async () => {
    const answers: FakeAnswer[] = [
      { status: 503, body: problem(503, 'dependency_failed', 'queue') },
      'drop',
      { status: 429, headers: { 'retry-after': '0' }, body: problem(429, 'rate_limited', 'wait') },
      {
        status: 202,
        body: { jobId: '01JOB', runId: 'r', scheduledTime: '2026-12-01T00:00:00.000Z', trigger: 'manual' },
      },
    ];
    api = await startFakeApi(() => answers.shift() ?? { status: 500 });
    const client = clientOf(api.url);

    await expect(client.executeJob('01JOB')).rejects.toMatchObject({ status: 503 });
    await expect(client.executeJob('01JOB')).rejects.toBeInstanceOf(SchedulerNetworkError);
    await expect(client.executeJob('01JOB')).resolves.toMatchObject({ runId: 'r' });
    expect(api.requests).toHaveLength(4);
  });

  it('does not retry a 4xx other than 429', async () => {
    api = await startFakeApi(() => ({ status: 409, body: problem(409, 'job_completed', 'done') }));

    await expect(clientOf(api.url).pauseJob('01JOB')).rejects.toMatchObject({ code: 'job_completed' });
    expect(api.requests).toHaveLength(1);
  });

  it('sends If-Match with the revision of the job it read', async () => {
    api = await startFakeApi((request) => ({
      status: 200,
      body: jobAnswer({ revision: request.method === 'GET' ? 7 : 8 }),
    }));
    const client = clientOf(api.url);

    const job = await client.getJob('01JOB');
    await client.updateJob(job.id, { ...spec, description: 'x' }, job);
    await client.editJob('01JOB', (current) => ({ ...current, description: 'y' }));

    const puts = api.requests.filter((request) => request.method === 'PUT');
    expect(puts.map((request) => request.headers['if-match'])).toEqual(['"7"', '"7"']);
    expect(JSON.parse(puts[1]?.body ?? '{}')).not.toHaveProperty('revision');
  });

  it('editJob reads again and reapplies the change when another writer got in between (412)', async () => {
    let revision = 1;
    api = await startFakeApi((request) => {
      if (request.method === 'GET') return { status: 200, body: jobAnswer({ revision }) };
      revision += 1; // another writer, the first time
      return request.headers['if-match'] === '"1"'
        ? { status: 412, body: problem(412, 'revision_mismatch', 'moved') }
        : { status: 200, body: jobAnswer({ revision }) };
    });

    const job = await clientOf(api.url).editJob('01JOB', (current) => ({ ...current, description: 'z' }));

    expect(api.requests.map((request) => request.method)).toEqual(['GET', 'PUT', 'GET', 'PUT']);
    expect(job.revision).toBe(3);
  });
});
