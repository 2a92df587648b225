import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApiRouter } from '../../../lambdas/http/api-router.js';
import { problemDetails } from '../../../lambdas/http/problem-middleware.js';
import type { ApiEvent } from '../../../lambdas/http/request.js';
import { apiEvent } from '../../support/api-events.js';
import { inMemoryApiDeps, webhookJob } from '../../support/use-case-deps.js';

/*
 * What schemathesis found against the deployed stack, each kept as a unit test: a payload number DynamoDB
 * cannot store (a 500 there), a JSON `null` body taken for an absent one, a comma in a name prefix answered as
 * a "repeated parameter".
 */

const context = { awsRequestId: 'req-1' } as Context;

describe('the API, where schemathesis found it wrong', () => {
  let call: (event: ApiEvent) => Promise<APIGatewayProxyStructuredResultV2>;
  let env: ReturnType<typeof inMemoryApiDeps>;
  beforeEach(() => {
    env = inMemoryApiDeps();
    const handler = middy<ApiEvent, APIGatewayProxyStructuredResultV2>()
      .use(problemDetails())
      .handler(createApiRouter(env.deps));
    call = (event) => handler(event, context);
  });
  const problemOf = (response: APIGatewayProxyStructuredResultV2) => JSON.parse(response.body ?? '{}');

  it.each([[2.2250738585072014e-308], [1e200], [-1e126], [{ deep: [1, { tiny: 1.5e-200 }] }]])(
    'refuses a payload with a number DynamoDB cannot store (%j) with a 400, not a 500',
    async (payload) => {
      const response = await call(
        apiEvent('POST /api/jobs', { body: JSON.stringify(webhookJob({ payload })) }),
      );
      expect(response.statusCode).toBe(400);
      expect(problemOf(response).errors).toEqual([
        {
          path: 'payload',
          message: 'Numbers in the payload must be 0 or between 1e-130 and 9007199254740991 in magnitude.',
        },
      ]);
      expect(env.jobs.jobs.size).toBe(0);
    },
  );

  it.each([[0], [1e-130], [-9007199254740991], [{ n: [3.5, -42] }]])(
    'accepts a payload with storable numbers (%j)',
    async (payload) => {
      const response = await call(
        apiEvent('POST /api/jobs', { body: JSON.stringify(webhookJob({ payload })) }),
      );
      expect(response.statusCode).toBe(201);
    },
  );

  it('refuses a JSON null as the body of pause and of redrive (only an absent body is an empty request)', async () => {
    const created = await call(apiEvent('POST /api/jobs', { body: JSON.stringify(webhookJob()) }));
    const { id } = JSON.parse(created.body ?? '{}');
    const paused = await call(apiEvent('POST /api/jobs/{id}/pause', { id, body: 'null' }));
    expect(paused.statusCode).toBe(400);
    expect(problemOf(paused).code).toBe('validation_failed');
    const redriven = await call(apiEvent('POST /api/dlq/redrive', { body: 'null' }));
    expect(redriven.statusCode).toBe(400);
    expect((await call(apiEvent('POST /api/jobs/{id}/pause', { id, contentType: null }))).statusCode).toBe(
      200,
    );
  });

  it('refuses a cursor that is not base64url, as the document says cursors are', async () => {
    const malformed = await call(apiEvent('GET /api/jobs', { query: { cursor: 'not a cursor!' } }));
    expect(problemOf(malformed)).toMatchObject({ status: 400, code: 'validation_failed' });
    const named = await call(apiEvent('GET /api/jobs', { query: { namePrefix: 'a,b' } }));
    expect(problemOf(named)).toMatchObject({ status: 400, code: 'validation_failed' });
  });
});
