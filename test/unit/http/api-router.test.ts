import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApiRouter } from '../../../lambdas/http/api-router.js';
import { problemDetails } from '../../../lambdas/http/problem-middleware.js';
import type { ApiEvent } from '../../../lambdas/http/request.js';
import { apiEvent } from '../../support/api-events.js';
import { InMemoryJobStore, InMemoryScheduleRegistry, ManualClock } from '../../support/in-memory-ports.js';

const context = { awsRequestId: 'req-1' } as Context;
const job = JSON.stringify({
  name: 'report',
  schedule: { expression: 'rate(1 hour)' },
  target: { type: 'http', url: 'https://example.com/hook' },
});

describe('the jobs API handler', () => {
  let jobs: InMemoryJobStore;
  let call: (event: ApiEvent) => Promise<APIGatewayProxyStructuredResultV2>;

  beforeEach(() => {
    jobs = new InMemoryJobStore();
    const router = createApiRouter({
      jobs,
      schedules: new InMemoryScheduleRegistry(),
      clock: new ManualClock(Date.parse('2026-11-27T10:00:00Z')),
      newJobId: () => '01JBBBBBBBBBBBBBBBBBBBBBBB',
      insecureHostsAllowed: [],
    });
    const handler = middy<ApiEvent, APIGatewayProxyStructuredResultV2>()
      .use(problemDetails())
      .handler(router);
    call = (event) => handler(event, context);
  });

  const problemOf = (response: APIGatewayProxyStructuredResultV2) => {
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    return JSON.parse(response.body ?? '{}');
  };

  it('creates a job: 201, a Location header and the job without internal fields', async () => {
    const response = await call(apiEvent('POST /api/jobs', { body: job }));
    expect(response.statusCode).toBe(201);
    expect(response.headers?.location).toBe('/api/jobs/01JBBBBBBBBBBBBBBBBBBBBBBB');
    const body = JSON.parse(response.body ?? '{}');
    expect(body).toMatchObject({ id: '01JBBBBBBBBBBBBBBBBBBBBBBB', status: 'ACTIVE', revision: 1 });
    expect(body.tenant).toBeUndefined();
    expect(body.scheduleAnchorAt).toBeUndefined();
  });

  it('reads and deletes the caller’s job', async () => {
    await call(apiEvent('POST /api/jobs', { body: job }));
    const read = await call(apiEvent('GET /api/jobs/{id}', { id: '01JBBBBBBBBBBBBBBBBBBBBBBB' }));
    expect(read.statusCode).toBe(200);
    const removed = await call(apiEvent('DELETE /api/jobs/{id}', { id: '01JBBBBBBBBBBBBBBBBBBBBBBB' }));
    expect(removed.statusCode).toBe(204);
    expect(jobs.jobs.size).toBe(0);
  });

  it('answers 404 to another tenant', async () => {
    await call(apiEvent('POST /api/jobs', { body: job }));
    const response = await call(
      apiEvent('GET /api/jobs/{id}', {
        id: '01JBBBBBBBBBBBBBBBBBBBBBBB',
        principal: 'arn:aws:iam::1:user/mallory',
      }),
    );
    expect(response.statusCode).toBe(404);
    expect(problemOf(response).code).toBe('job_not_found');
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
    ['an unknown route', apiEvent('PATCH /api/things'), 404, 'route_not_found'],
    ['no principal', apiEvent('POST /api/jobs', { body: job, principal: null }), 401, 'unauthenticated'],
  ])('answers %s with a problem document', async (_case, event, status, code) => {
    const response = await call(event);
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
    expect(problem.errors.map((error: { path: string }) => error.path)).toEqual(
      expect.arrayContaining(['name', 'target.type', 'target.url']),
    );
  });

  it('hides unexpected errors behind an opaque 500 with the request id', async () => {
    jobs.get = async () => {
      throw new Error('secret internals at line 42');
    };
    const response = await call(apiEvent('GET /api/jobs/{id}', { id: '01JBBBBBBBBBBBBBBBBBBBBBBB' }));
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret internals');
    expect(problemOf(response)).toMatchObject({ code: 'internal_error', instance: 'req-1' });
  });
});
