import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiRoutes, createApiRouter } from '../../../lambdas/http/api-router.js';
import { problemDetails } from '../../../lambdas/http/problem-middleware.js';
import type { ApiEvent } from '../../../lambdas/http/request.js';
import { apiEvent } from '../../support/api-events.js';
import { inMemoryApiDeps, webhookJob } from '../../support/use-case-deps.js';

const context = { awsRequestId: 'req-1' } as Context;
const job = JSON.stringify(webhookJob({ name: 'report', schedule: { expression: 'rate(1 hour)' } }));
type Json = Record<string, unknown> & { items?: Array<Record<string, unknown>>; nextCursor?: string };

describe('the jobs API handler', () => {
  let env: ReturnType<typeof inMemoryApiDeps>;
  let call: (event: ApiEvent) => Promise<APIGatewayProxyStructuredResultV2>;

  beforeEach(() => {
    env = inMemoryApiDeps();
    const handler = middy<ApiEvent, APIGatewayProxyStructuredResultV2>()
      .use(problemDetails())
      .handler(createApiRouter(env.deps));
    call = (event) => handler(event, context);
  });

  const bodyOf = (response: APIGatewayProxyStructuredResultV2): Json => JSON.parse(response.body ?? '{}');
  const problemOf = (response: APIGatewayProxyStructuredResultV2) => {
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    return bodyOf(response);
  };
  const create = async (body = job, headers: Record<string, string> = {}) => {
    const response = await call(apiEvent('POST /api/jobs', { body, headers }));
    return { response, id: String(bodyOf(response).id) };
  };

  it('answers a request API Gateway routed by $default (no route matched) with the route_not_found problem', async () => {
    const event = apiEvent('GET /api/nope');
    const response = await call({
      ...event,
      routeKey: '$default',
      requestContext: { ...event.requestContext, routeKey: '$default' },
    });
    expect(response.statusCode).toBe(404);
    expect(problemOf(response)).toMatchObject({
      code: 'route_not_found',
      detail: expect.stringContaining('GET /api/nope'),
    });
  });

  it('PATCH takes a merge patch (application/merge-patch+json) with If-Match: 200 with the new ETag, 412 when stale', async () => {
    const { id } = await create();
    const patch = (ifMatch: string) =>
      call(
        apiEvent('PATCH /api/jobs/{id}', {
          id,
          body: '{"name":"patched"}',
          contentType: 'application/merge-patch+json',
          headers: { 'if-match': ifMatch },
        }),
      );
    const patched = await patch('"1"');
    expect(patched.statusCode).toBe(200);
    expect(patched.headers).toMatchObject({ etag: '"2"' });
    expect(bodyOf(patched)).toMatchObject({ name: 'patched', revision: 2 });
    const stale = await patch('"1"');
    expect(stale.statusCode).toBe(412);
  });

  it('GET shows why a job has not fired: nextRunAt never in the past, the overdue fire with its reason', async () => {
    const { id } = await create();
    env.clock.advance(10 * 60_000);
    const body = bodyOf(await call(apiEvent('GET /api/jobs/{id}', { id })));
    expect(Date.parse(String(body.nextRunAt))).toBeGreaterThan(env.clock.nowMs());
    expect(body.firing).toMatchObject({
      schedule: 'enabled',
      nextFireAt: body.nextRunAt,
      overdue: { reason: 'catch_up_pending' },
    });
  });

  it('lists the jobs whose latest run failed with lastRunStatus=FAILED, and shows a job’s last skip reason', async () => {
    const { id: failing } = await create();
    await create();
    await env.jobs.recordRunResult(failing, {
      revision: 1,
      lastRunAt: '2026-11-27T10:01:00.000Z',
      lastRunStatus: 'FAILED',
      completed: false,
    });
    await env.jobs.countSkippedRun(failing, { reason: 'overlap', at: '2026-11-27T10:02:00.000Z' });
    const listed = bodyOf(
      await call({ ...apiEvent('GET /api/jobs'), queryStringParameters: { lastRunStatus: 'FAILED' } }),
    );
    expect(listed.items?.map((item) => item.id)).toEqual([failing]);
    expect(listed.items?.[0]).toMatchObject({
      lastSkipReason: 'overlap',
      lastSkippedAt: '2026-11-27T10:02:00.000Z',
    });
  });

  it('creates a job: 201, Location and ETag headers, and the job without internal fields', async () => {
    const { response, id } = await create();
    expect(response.statusCode).toBe(201);
    expect(response.headers).toMatchObject({ location: `/api/jobs/${id}`, etag: '"1"' });
    const body = bodyOf(response);
    expect(body).toMatchObject({ status: 'ACTIVE', revision: 1 });
    expect(body.tenant).toBeUndefined();
    expect(body.scheduleAnchorAt).toBeUndefined();
  });

  it('replays a create with the same Idempotency-Key as 200, and refuses a different body with 409', async () => {
    const first = await create(job, { 'idempotency-key': 'k1' });
    const again = await create(job, { 'Idempotency-Key': 'k1' });
    expect(again.response.statusCode).toBe(200);
    expect(again.id).toBe(first.id);
    const other = await create(JSON.stringify(webhookJob({ name: 'other' })), { 'idempotency-key': 'k1' });
    expect(other.response.statusCode).toBe(409);
    expect(problemOf(other.response).code).toBe('idempotency_key_reused');
  });

  it('reads, updates with If-Match, pauses, resumes and deletes a job', async () => {
    const { id } = await create();
    expect((await call(apiEvent('GET /api/jobs/{id}', { id }))).statusCode).toBe(200);
    const stale = await call(
      apiEvent('PUT /api/jobs/{id}', { id, body: job, headers: { 'if-match': '"9"' } }),
    );
    expect(stale.statusCode).toBe(412);
    expect(problemOf(stale).code).toBe('revision_mismatch');
    const put = await call(apiEvent('PUT /api/jobs/{id}', { id, body: job, headers: { 'if-match': '"1"' } }));
    expect(put.statusCode).toBe(200);
    expect(put.headers?.etag).toBe('"2"');
    const paused = await call(apiEvent('POST /api/jobs/{id}/pause', { id, body: '{"reason":"deploy"}' }));
    expect(bodyOf(paused)).toMatchObject({ status: 'PAUSED', pausedReason: 'deploy', revision: 3 });
    const pausedNoBody = await call({ ...apiEvent('POST /api/jobs/{id}/pause', { id }), body: undefined });
    expect(pausedNoBody.statusCode).toBe(200);
    const resumed = await call(apiEvent('POST /api/jobs/{id}/resume', { id }));
    expect(bodyOf(resumed)).toMatchObject({ status: 'ACTIVE' });
    const removed = await call(
      apiEvent('DELETE /api/jobs/{id}', { id, headers: { 'if-match': String(resumed.headers?.etag) } }),
    );
    expect(removed.statusCode).toBe(204);
    expect(env.jobs.jobs.size).toBe(0);
  });

  it('lists the caller’s jobs newest first, page by page, filtered by status and name prefix', async () => {
    for (const name of ['alpha-1', 'alpha-2', 'beta-1']) {
      await create(JSON.stringify(webhookJob({ name })));
      env.clock.advance(1_000);
    }
    const page = (query: Record<string, string>) =>
      call({ ...apiEvent('GET /api/jobs'), queryStringParameters: query }).then(bodyOf);
    const first = await page({ limit: '2' });
    expect(first.items?.map((item) => item.name)).toEqual(['beta-1', 'alpha-2']);
    const second = await page({ limit: '2', cursor: String(first.nextCursor) });
    expect(second.items?.map((item) => item.name)).toEqual(['alpha-1']);
    expect(second.nextCursor).toBeUndefined();
    expect((await page({ namePrefix: 'alpha' })).items).toHaveLength(2);
    expect((await page({ status: 'PAUSED' })).items).toHaveLength(0);
    const other = await call({ ...apiEvent('GET /api/jobs', { principal: 'arn:aws:iam::1:user/mallory' }) });
    expect(bodyOf(other).items).toEqual([]);
  });

  it('executes a job now: 202 with the manual run id and the fire on the dispatch queue', async () => {
    const { id } = await create();
    const response = await call(apiEvent('POST /api/jobs/{id}/execute', { id }));
    expect(response.statusCode).toBe(202);
    const execution = bodyOf(response);
    expect(execution).toMatchObject({ jobId: id, trigger: 'manual' });
    expect(String(execution.runId)).toMatch(/^2026-11-27T10:00:00\.000Z~[0-9A-Z]{26}$/);
    expect(env.dispatch.messages).toEqual([
      {
        jobId: id,
        tenant: 'arn:aws:iam::111122223333:user/alice',
        revision: 1,
        scheduledTime: '2026-11-27T10:00:00.000Z',
        manualRunId: execution.runId,
      },
    ]);
    expect(response.headers?.location).toBe(
      `/api/jobs/${id}/runs/${encodeURIComponent(String(execution.runId))}`,
    );
  });

  it('lists runs and reads one run, without lease bookkeeping', async () => {
    const { id } = await create();
    await env.runs.acquire({
      jobId: id,
      runId: '2026-11-27T10:00:00.000Z',
      scheduledTime: '2026-11-27T10:00:00.000Z',
      trigger: 'schedule',
      leaseMs: 1000,
      nowMs: 0,
    });
    const runs = bodyOf(await call(apiEvent('GET /api/jobs/{id}/runs', { id })));
    expect(runs.items).toHaveLength(1);
    expect(runs.items?.[0]?.leaseToken).toBeUndefined();
    expect(runs.items?.[0]?.leaseExpiresAtMs).toBeUndefined();
    const one = await call({
      ...apiEvent('GET /api/jobs/{id}/runs/{runId}', { id }),
      pathParameters: { id, runId: '2026-11-27T10:00:00.000Z' },
    });
    expect(bodyOf(one)).toMatchObject({ runId: '2026-11-27T10:00:00.000Z', status: 'RUNNING' });
    const missing = await call({
      ...apiEvent('GET /api/jobs/{id}/runs/{runId}', { id }),
      pathParameters: { id, runId: 'nope' },
    });
    expect(problemOf(missing).code).toBe('run_not_found');
  });

  it('previews a schedule in UTC and local time, flagging DST', async () => {
    const response = await call(
      apiEvent('POST /api/schedules/preview', {
        body: JSON.stringify({
          schedule: { expression: 'cron(30 1 * * ? *)', timezone: 'America/New_York' },
          after: '2026-10-31T12:00:00Z',
          count: 2,
        }),
      }),
    );
    expect(bodyOf(response)).toEqual({
      timezone: 'America/New_York',
      fires: [
        { utc: '2026-11-01T05:30:00.000Z', local: '2026-11-01T01:30:00-04:00', dst: 'overlap' },
        { utc: '2026-11-02T06:30:00.000Z', local: '2026-11-02T01:30:00-05:00' },
      ],
    });
    const tooMany = await call(
      apiEvent('POST /api/schedules/preview', {
        body: '{"schedule":{"expression":"rate(1 hour)"},"count":51}',
      }),
    );
    expect(problemOf(tooMany).errors).toEqual([expect.objectContaining({ path: 'count' })]);
  });

  it('serves an OpenAPI 3.1 document with every route, and the health of its dependencies', async () => {
    const spec = bodyOf(await call(apiEvent('GET /api/openapi.json')));
    expect(spec.openapi).toBe('3.1.0');
    // Every route the handler serves is documented, and nothing else.
    const documented = Object.entries(spec.paths as Record<string, object>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(Object.keys(apiRoutes(env.deps)).sort());
    const health = await call(apiEvent('GET /api/health'));
    expect(health.statusCode).toBe(200);
    expect(bodyOf(health)).toEqual({ status: 'ok', version: 'test', checks: { table: { ok: true } } });
  });

  it('answers 503 when a dependency is down', async () => {
    const sick = inMemoryApiDeps({
      health: { check: async () => ({ table: { ok: false, detail: 'ResourceNotFoundException' } }) },
    });
    const handler = middy<ApiEvent, APIGatewayProxyStructuredResultV2>()
      .use(problemDetails())
      .handler(createApiRouter(sick.deps));
    const response = await handler(apiEvent('GET /api/health'), context);
    expect(response.statusCode).toBe(503);
    expect(bodyOf(response).status).toBe('degraded');
  });

  it('answers 404 to another tenant', async () => {
    const { id } = await create();
    const response = await call(
      apiEvent('GET /api/jobs/{id}', { id, principal: 'arn:aws:iam::1:user/mallory' }),
    );
    expect(response.statusCode).toBe(404);
    expect(problemOf(response).code).toBe('job_not_found');
  });

  it('takes the tenant from a JWT subject under token auth', async () => {
    const event = apiEvent('POST /api/jobs', { body: job, principal: null });
    event.requestContext.authorizer = { jwt: { claims: { sub: 'client-123' } } };
    const response = await call(event);
    expect(response.statusCode).toBe(201);
    expect([...env.jobs.jobs.values()][0]?.tenant).toBe('client-123');
  });

  it.each([
    ['malformed JSON', apiEvent('POST /api/jobs', { body: '{"name":' }), 400, 'malformed_request'],
    ['an empty body', apiEvent('POST /api/jobs', { body: '' }), 400, 'malformed_request'],
    ['a JSON array', apiEvent('POST /api/jobs', { body: '[]' }), 400, 'validation_failed'],
    [
      'a wrong media type',
      apiEvent('POST /api/jobs', { body: job, headers: { 'content-type': 'text/plain' } }),
      415,
      'unsupported_media_type',
    ],
    [
      'an oversized body',
      apiEvent('POST /api/jobs', { body: 'x'.repeat(200_000) }),
      413,
      'payload_too_large',
    ],
    ['a bad job id', apiEvent('GET /api/jobs/{id}', { id: '../../etc' }), 400, 'validation_failed'],
    [
      'a bad If-Match',
      apiEvent('DELETE /api/jobs/{id}', { id: '01JAAAAAAAAAAAAAAAAAAAAAAA', headers: { 'if-match': 'abc' } }),
      400,
      'validation_failed',
    ],
    [
      'an Idempotency-Key with spaces',
      apiEvent('POST /api/jobs', { body: job, headers: { 'idempotency-key': 'a b' } }),
      400,
      'validation_failed',
    ],
    ['an unknown route', apiEvent('PATCH /api/things'), 404, 'route_not_found'],
    ['no principal', apiEvent('POST /api/jobs', { body: job, principal: null }), 401, 'unauthenticated'],
    [
      'an unknown query parameter',
      { ...apiEvent('GET /api/jobs'), queryStringParameters: { sort: 'name' } },
      400,
      'validation_failed',
    ],
    [
      'a forged cursor',
      { ...apiEvent('GET /api/jobs'), queryStringParameters: { limit: '101' } },
      400,
      'validation_failed',
    ],
  ])('answers %s with a problem document', async (_case, event, status, code) => {
    const response = await call(event as ApiEvent);
    expect(response.statusCode).toBe(status);
    expect(problemOf(response)).toMatchObject({ status, code });
  });

  it('names every failing field of an invalid job', async () => {
    const response = await call(
      apiEvent('POST /api/jobs', {
        body: JSON.stringify({ name: '', schedule: { expression: 'often' }, target: {} }),
      }),
    );
    const problem = problemOf(response);
    expect(response.statusCode).toBe(400);
    expect((problem.errors as Array<{ path: string }>).map((error) => error.path)).toEqual(
      expect.arrayContaining(['name', 'target.type']),
    );
  });

  it('hides unexpected errors behind an opaque 500 with the request id', async () => {
    env.jobs.get = async () => {
      throw new Error('secret internals at line 42');
    };
    const response = await call(apiEvent('GET /api/jobs/{id}', { id: '01JBBBBBBBBBBBBBBBBBBBBBBB' }));
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret internals');
    expect(problemOf(response)).toMatchObject({ code: 'internal_error', instance: 'req-1' });
  });
});
