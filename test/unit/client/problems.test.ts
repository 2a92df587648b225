import { afterEach, describe, expect, it } from 'vitest';
import { bearerToken, SchedulerClient, SchedulerProblem } from '../../../client/src/index.js';
import { problem, startFakeApi } from './fake-api.js';

let api: Awaited<ReturnType<typeof startFakeApi>> | undefined;
afterEach(async () => api?.close());

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('problem+json as a typed SchedulerProblem', () => {
  it('carries status, code, detail and the field errors of a 400', async () => {
    const errors = [{ path: 'schedule.expression', message: 'Not a cron, rate or at expression.' }];
    api = await startFakeApi(() => ({
      status: 400,
      body: problem(400, 'validation_failed', 'Invalid job.', { errors }),
    }));
    const client = new SchedulerClient({ baseUrl: api.url, auth: bearerToken('t') });

    const failure = await failureOf(
      client.createJob({
        name: 'x',
        schedule: { expression: 'bad' },
        target: { type: 'http', url: 'https://e.x' },
      }),
    );

    expect(failure).toBeInstanceOf(SchedulerProblem);
    expect(failure).toMatchObject({ status: 400, code: 'validation_failed', detail: 'Invalid job.', errors });
  });

  it('carries Retry-After of a 429 it gave up on', async () => {
    api = await startFakeApi(() => ({
      status: 429,
      headers: { 'retry-after': '120' },
      body: problem(429, 'rate_limited', 'Too many creates.'),
    }));
    const client = new SchedulerClient({ baseUrl: api.url, auth: bearerToken('t') });

    // 120 s is longer than the client waits (maxRetryAfterMs 60 s): thrown at once, with the wait.
    const failure = await failureOf(client.executeJob('01JOB'));

    expect(failure).toMatchObject({ status: 429, code: 'rate_limited', retryAfterSeconds: 120 });
    expect(api.requests).toHaveLength(1);
  });

  it("maps API Gateway's own non-problem 401 to code http_401", async () => {
    api = await startFakeApi(() => ({ status: 401, body: { message: 'Unauthorized' } }));
    const client = new SchedulerClient({ baseUrl: api.url, auth: bearerToken('t') });

    const failure = await failureOf(client.getJob('01JOB'));

    expect(failure).toMatchObject({ status: 401, code: 'http_401', detail: 'Unauthorized', errors: [] });
  });
});
