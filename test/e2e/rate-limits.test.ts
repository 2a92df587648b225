import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse } from '../support/api-client.js';
import { hostileTenantLedger } from '../support/hostile-tenant.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

/** The stack's default per-tenant limit on manual executions (lib/scheduler-stack.ts), per minute. */
const EXECUTE_LIMIT = 120;
const WINDOW_MS = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('per-tenant rate limits on the deployed stack', () => {
  const ledger = hostileTenantLedger('rate limits (deployed local stack)');
  const receiver = new WebhookReceiver();
  let noisy: ApiClient;
  let quiet: ApiClient;
  let windowEndsAtMs = 0;

  beforeAll(async () => {
    await receiver.start();
    [noisy, quiet] = await Promise.all([ApiClient.forTenant('beta'), ApiClient.forTenant('alpha')]);
  });
  afterAll(async () => {
    // The tests after this one start with beta's full budget: wait out the window it spent.
    await sleep(Math.max(0, windowEndsAtMs - Date.now()));
    await Promise.all([noisy?.cleanup(), quiet?.cleanup()]);
    await receiver.stop();
  });

  it('answers manual executions over the limit 429 problem+json with Retry-After, queues nothing for them, and leaves other tenants alone', async () => {
    const created = await noisy.request<{ id: string }>('POST', '/api/jobs', {
      name: 'rate-limited',
      // Starting tomorrow: a new rate schedule fires at once (on AWS, and locally with the schedule driver), and
      // only the manual executions are counted here.
      schedule: { expression: 'rate(1 day)', startAt: new Date(Date.now() + 86_400_000).toISOString() },
      target: { type: 'http', url: receiver.url('/rate-limited') },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    // Windows are whole minutes since the epoch: start with most of one ahead, so the burst stays in it.
    const intoWindow = Date.now() % WINDOW_MS;
    if (intoWindow > 30_000) await sleep(WINDOW_MS - intoWindow + 500);

    const statuses: number[] = [];
    let refused: ApiResponse<{ status?: number; code?: string }> | undefined;
    for (let round = 0; round < EXECUTE_LIMIT / 10 + 2 && !refused; round++) {
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          noisy.request<{ status?: number; code?: string }>('POST', `/api/jobs/${id}/execute`),
        ),
      );
      for (const response of responses) {
        statuses.push(response.status);
        refused ??= response.status === 429 ? response : undefined;
      }
    }
    const accepted = statuses.filter((status) => status === 202).length;
    const retryAfterSeconds = Number(refused?.headers.get('retry-after') ?? 0);
    windowEndsAtMs = Date.now() + retryAfterSeconds * 1000;
    console.log(
      `[capacity] deployed stack: ${statuses.length} executions sent in parallel tens, ${accepted} accepted, ` +
        `${statuses.length - accepted} answered 429 (Retry-After ${retryAfterSeconds} s)`,
    );
    expect(refused?.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused?.body).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(accepted).toBeLessThanOrEqual(EXECUTE_LIMIT);
    expect(statuses.every((status) => status === 202 || status === 429)).toBe(true);

    // Every accepted execution runs once (beta's runs beyond its run limit wait their turn); a refused one
    // queued nothing.
    await receiver.waitForCalls('/rate-limited', accepted, 180_000);
    await sleep(5_000);
    const keys = receiver.callsTo('/rate-limited').map((call) => String(call.headers['idempotency-key']));
    expect(keys).toHaveLength(accepted);
    expect(new Set(keys).size).toBe(accepted);

    await ledger.attempt("beta's executions throttle alpha's", async () => {
      const mine = await quiet.request<{ id: string }>('POST', '/api/jobs', {
        name: 'not-throttled',
        schedule: { expression: 'rate(1 day)' },
        target: { type: 'http', url: receiver.url('/not-throttled') },
      });
      const executed = await quiet.request('POST', `/api/jobs/${mine.body.id}/execute`);
      return executed.status !== 202;
    });
  });
});
