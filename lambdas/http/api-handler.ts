import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { EmfMetrics } from '../adapters/emf-metrics.js';
import { type ApiDeps, createApiRouter } from './api-router.js';
import { flushMetrics } from './metrics-middleware.js';
import { problemDetails } from './problem-middleware.js';
import type { ApiEvent } from './request.js';

/** The jobs API as one Lambda handler: route → use case → JSON or problem+json, metrics written at the end. */
export function createApiHandler(deps: ApiDeps, metrics: Pick<EmfMetrics, 'flush'>) {
  return middy<ApiEvent, APIGatewayProxyStructuredResultV2>()
    .use(flushMetrics(metrics))
    .use(problemDetails())
    .handler(createApiRouter(deps));
}
