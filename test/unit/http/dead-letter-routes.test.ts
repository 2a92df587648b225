import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { EmfMetrics } from '../../../lambdas/adapters/emf-metrics.js';
import { createApiHandler } from '../../../lambdas/http/api-handler.js';
import { apiEvent } from '../../support/api-events.js';
import { inMemoryApiDeps } from '../../support/use-case-deps.js';

const ALICE = 'arn:aws:iam::111122223333:user/alice';
const BOB = 'arn:aws:iam::111122223333:user/bob';
const sentAt = '2026-11-27T10:00:05.000Z';

async function setUp() {
  const env = inMemoryApiDeps();
  for (const [tenant, jobId, messageId] of [
    [ALICE, 'J1', 'm-1'],
    [BOB, 'J2', 'm-2'],
  ] as const) {
    await env.deadFires.file({
      id: `${sentAt}#${messageId}`,
      tenant,
      messageId,
      fire: { jobId, tenant, revision: 1, scheduledTime: '2026-11-27T10:00:00.000Z' },
      reason: 'timeout',
      sentAt,
      filedAt: sentAt,
      receiveCount: 21,
    });
  }
  const handler = createApiHandler(env.deps, new EmfMetrics('ServerlessScheduler', 'api', () => undefined));
  const call = async (
    routeKey: string,
    principal: string,
    options: { body?: unknown; query?: Record<string, string> } = {},
  ) => {
    const response = await handler(
      apiEvent(routeKey, {
        principal,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        ...(options.query ? { query: options.query } : {}),
      }),
      { awsRequestId: 'r' } as Context,
    );
    return {
      status: response.statusCode,
      body: JSON.parse(response.body ?? 'null'),
      headers: response.headers,
    };
  };
  return { env, call };
}

describe('the DLQ routes', () => {
  it("GET /api/dlq answers the caller's dead fires as a page, without the tenant", async () => {
    const { call } = await setUp();
    const alice = await call('GET /api/dlq', ALICE);
    expect(alice).toMatchObject({ status: 200 });
    expect(alice.body).toEqual({
      items: [
        {
          id: `${sentAt}#m-1`,
          messageId: 'm-1',
          fire: { jobId: 'J1', tenant: ALICE, revision: 1, scheduledTime: '2026-11-27T10:00:00.000Z' },
          reason: 'timeout',
          sentAt,
          filedAt: sentAt,
          receiveCount: 21,
        },
      ],
    });
    expect(
      (await call('GET /api/dlq', BOB)).body.items.map((item: { messageId: string }) => item.messageId),
    ).toEqual(['m-2']);
  });

  it("POST /api/dlq/redrive moves the caller's named dead fire, and no one else's", async () => {
    const { env, call } = await setUp();
    const moved = await call('POST /api/dlq/redrive', ALICE, {
      body: { ids: [`${sentAt}#m-1`, `${sentAt}#m-2`] },
    });
    expect(moved).toMatchObject({ status: 200, body: { redriven: 1 } });
    expect(env.dispatch.messages.map((fire) => fire.jobId)).toEqual(['J1']);
    expect(env.deadFires.of(BOB)).toHaveLength(1);
  });

  it('answers bad requests with a 400 problem document', async () => {
    const { call } = await setUp();
    for (const [route, options] of [
      ['POST /api/dlq/redrive', { body: { ids: ['x'], limit: 1 } }],
      ['POST /api/dlq/redrive', { body: { ids: 'x' } }],
      ['GET /api/dlq', { query: { limit: '51' } }],
      ['GET /api/dlq', { query: { peek: '1' } }],
    ] as const) {
      const response = await call(route, ALICE, options);
      expect(response.status, JSON.stringify(options)).toBe(400);
      expect(response.headers?.['content-type']).toBe('application/problem+json');
      expect(response.body.code).toBe('validation_failed');
    }
  });
});
