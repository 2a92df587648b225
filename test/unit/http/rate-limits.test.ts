import type { Context } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { rateWindowOf } from '../../../lambdas/domain/rate-limit.js';
import { createApiHandler } from '../../../lambdas/http/api-handler.js';
import { noMetrics } from '../../../lambdas/use-cases/ports.js';
import { apiEvent } from '../../support/api-events.js';
import { hostileTenantLedger } from '../../support/hostile-tenant.js';
import { InMemoryRateLimiter } from '../../support/in-memory-limits.js';
import { inMemoryApiDeps, webhookJob } from '../../support/use-case-deps.js';

const ALICE = 'arn:aws:iam::111122223333:user/alice';
const BOB = 'arn:aws:iam::111122223333:user/bob';
const LIMITS = {
  create: { limit: 3, windowSeconds: 60 },
  update: { limit: 2, windowSeconds: 60 },
  execute: { limit: 2, windowSeconds: 60 },
};

function api() {
  const limiter = new InMemoryRateLimiter(LIMITS);
  const world = inMemoryApiDeps({ rateLimiter: limiter });
  // 20 s into a window: Retry-After is the 40 s left of it.
  world.clock.now = rateWindowOf(world.clock.now, 60).startMs + 20_000;
  const handler = createApiHandler(world.deps, { flush: () => undefined, ...noMetrics });
  const call = async (routeKey: string, options: Parameters<typeof apiEvent>[1] = {}) =>
    handler(apiEvent(routeKey, options), { awsRequestId: 'r' } as Context);
  return { ...world, limiter, call };
}

const create = (world: ReturnType<typeof api>, principal = ALICE, headers: Record<string, string> = {}) =>
  world.call('POST /api/jobs', { body: JSON.stringify(webhookJob()), principal, headers });
const problemOf = (response: { body?: string }) => JSON.parse(response.body ?? '{}');

describe('per-tenant rate limits on the API', () => {
  let world: ReturnType<typeof api>;
  beforeEach(() => {
    world = api();
  });

  it('answers the create over the limit 429 problem+json with rate_limited and Retry-After, and writes nothing', async () => {
    for (let n = 0; n < 3; n++) expect((await create(world)).statusCode).toBe(201);
    const refused = await create(world, ALICE, { 'idempotency-key': 'over-the-limit' });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers).toMatchObject({
      'content-type': 'application/problem+json',
      'retry-after': '40',
    });
    expect(problemOf(refused)).toMatchObject({
      status: 429,
      title: 'Too Many Requests',
      code: 'rate_limited',
      detail: expect.stringMatching(/at most 3 times per 60 s; retry after 40 s/),
    });
    // No job, no schedule, no quota slot and no Idempotency-Key spent.
    expect(world.jobs.jobs.size).toBe(3);
    expect(world.schedules.schedules.size).toBe(3);
    expect(world.jobs.counts.get(ALICE)).toBe(3);
    expect(await world.jobs.getIdempotencyRecord(ALICE, 'over-the-limit')).toBeUndefined();
  });

  it('counts only requests that would create: bad bodies and Idempotency-Key replays are free', async () => {
    const first = await create(world, ALICE, { 'idempotency-key': 'k1' });
    expect(first.statusCode).toBe(201);
    expect((await world.call('POST /api/jobs', { body: '{"name":1}' })).statusCode).toBe(400);
    for (let n = 0; n < 2; n++) expect((await create(world)).statusCode).toBe(201);
    expect((await create(world)).statusCode).toBe(429);
    // A client retrying after a lost response still gets the job its key made.
    const replay = await create(world, ALICE, { 'idempotency-key': 'k1' });
    expect(replay.statusCode).toBe(200);
    expect(JSON.parse(replay.body ?? '{}').id).toBe(JSON.parse(first.body ?? '{}').id);
  });

  it('lets the tenant in again when the next window starts', async () => {
    for (let n = 0; n < 3; n++) await create(world);
    expect((await create(world)).statusCode).toBe(429);
    world.clock.advance(40_000);
    expect((await create(world)).statusCode).toBe(201);
  });

  it('limits manual executions: the one over the limit queues nothing', async () => {
    const id = JSON.parse((await create(world)).body ?? '{}').id as string;
    for (let n = 0; n < 2; n++)
      expect((await world.call('POST /api/jobs/{id}/execute', { id })).statusCode).toBe(202);
    const refused = await world.call('POST /api/jobs/{id}/execute', { id });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers?.['retry-after']).toBe('40');
    expect(world.dispatch.messages).toHaveLength(2);
  });

  it('limits updates (PUT, pause, resume) and leaves the job as it was; a pause that changes nothing is free', async () => {
    const id = JSON.parse((await create(world)).body ?? '{}').id as string;
    expect((await world.call('POST /api/jobs/{id}/pause', { id })).statusCode).toBe(200);
    expect((await world.call('POST /api/jobs/{id}/pause', { id })).statusCode).toBe(200); // already paused
    expect((await world.call('POST /api/jobs/{id}/resume', { id })).statusCode).toBe(200);
    const refused = await world.call('PUT /api/jobs/{id}', {
      id,
      body: JSON.stringify(webhookJob({ name: 'x' })),
    });
    expect(refused.statusCode).toBe(429);
    expect(world.jobs.jobs.get(id)).toMatchObject({ name: 'sync', revision: 3, status: 'ACTIVE' });
  });

  describe('as a hostile tenant', () => {
    const ledger = hostileTenantLedger('rate limits (in-process API)');

    it("cannot spend another tenant's requests", async () => {
      await ledger.attempt("A's creates throttle B's creates", async () => {
        for (let n = 0; n < 10; n++) await create(world, ALICE);
        return (await create(world, BOB)).statusCode === 429;
      });
      await ledger.attempt("A's executions throttle B's executions", async () => {
        const mine = JSON.parse((await create(world, BOB)).body ?? '{}').id as string;
        const theirs = [...world.jobs.jobs.values()].find((job) => job.tenant === ALICE)?.jobId ?? '';
        for (let n = 0; n < 10; n++) await world.call('POST /api/jobs/{id}/execute', { id: theirs });
        return (
          (await world.call('POST /api/jobs/{id}/execute', { id: mine, principal: BOB })).statusCode === 429
        );
      });
      await ledger.attempt('A creates more than its limit in one window', async () => {
        const before = [...world.jobs.jobs.values()].filter((job) => job.tenant === ALICE).length;
        await Promise.all(Array.from({ length: 10 }, () => create(world, ALICE)));
        return [...world.jobs.jobs.values()].filter((job) => job.tenant === ALICE).length > before;
      });
    });
  });
});
