import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { RouteNotFoundError } from '../domain/errors.js';
import { type CreateJobDeps, createJob } from '../use-cases/create-job.js';
import { deleteJob } from '../use-cases/delete-job.js';
import { getJob } from '../use-cases/get-job.js';
import { jobRepresentation } from './job-representation.js';
import { jsonResponse } from './problem.js';
import { type ApiEvent, jsonBodyOf, tenantOf } from './request.js';

type Result = APIGatewayProxyStructuredResultV2;
type Route = (event: ApiEvent, tenant: string) => Promise<Result>;

export type ApiDeps = CreateJobDeps;

const idOf = (event: ApiEvent): string => event.pathParameters?.id ?? '';

/** The API's routes, keyed by API Gateway route key. */
export function apiRoutes(deps: ApiDeps): Record<string, Route> {
  return {
    'POST /api/jobs': async (event, tenant) => {
      const job = await createJob(deps, tenant, jsonBodyOf(event));
      return jsonResponse(201, jobRepresentation(job), { location: `/api/jobs/${job.jobId}` });
    },
    'GET /api/jobs/{id}': async (event, tenant) =>
      jsonResponse(200, jobRepresentation(await getJob(deps, tenant, idOf(event)))),
    'DELETE /api/jobs/{id}': async (event, tenant) => {
      await deleteJob(deps, tenant, idOf(event));
      return { statusCode: 204 };
    },
  };
}

/** Dispatches an API event to its route, after establishing the tenant. */
export function createApiRouter(deps: ApiDeps): (event: ApiEvent) => Promise<Result> {
  const routes = apiRoutes(deps);
  return async (event) => {
    const route = routes[event.routeKey];
    if (!route) throw new RouteNotFoundError(event.requestContext.http.method, event.rawPath);
    return route(event, tenantOf(event));
  };
}
