import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { EmfMetrics } from '../../../lambdas/adapters/emf-metrics.js';
import { createApiHandler } from '../../../lambdas/http/api-handler.js';
import { apiEvent } from '../../support/api-events.js';
import { inMemoryApiDeps, webhookJob } from '../../support/use-case-deps.js';

describe('the API Lambda handler', () => {
  it('writes the invocation’s metrics as EMF when the request ends', async () => {
    const lines: string[] = [];
    const metrics = new EmfMetrics('ServerlessScheduler', 'api', (line) => lines.push(line));
    const { deps } = inMemoryApiDeps({ metrics });
    const handler = createApiHandler(deps, metrics);
    const response = await handler(apiEvent('POST /api/jobs', { body: JSON.stringify(webhookJob()) }), {
      awsRequestId: 'r',
    } as Context);
    expect(response.statusCode).toBe(201);
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ Service: 'api', JobsCreated: 1 }),
    ]);
  });

  it('still answers a problem document, and flushes, when the request fails', async () => {
    const lines: string[] = [];
    const metrics = new EmfMetrics('ServerlessScheduler', 'api', (line) => lines.push(line));
    const { deps } = inMemoryApiDeps({ metrics });
    metrics.add('JobsDeleted', 1, 'Count'); // an observation pending when the error happens
    const response = await createApiHandler(deps, metrics)(apiEvent('POST /api/jobs', { body: '{' }), {
      awsRequestId: 'r',
    } as Context);
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(lines).toHaveLength(1);
  });
});
