import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { RouteNotFoundError } from '../domain/errors.js';
import { type Firing, firingOf } from '../domain/firing.js';
import type { Job } from '../domain/job.js';
import { parseWith } from '../domain/validation.js';
import { type CreateJobDeps, createJob } from '../use-cases/create-job.js';
import { listDeadFires, redriveDeadLetters } from '../use-cases/dead-letters.js';
import { deleteJob } from '../use-cases/delete-job.js';
import { executeJobNow } from '../use-cases/execute-job-now.js';
import { listJobs } from '../use-cases/list-jobs.js';
import { patchJob } from '../use-cases/patch-job.js';
import type { DeadFireStore, DispatchQueue, HealthProbe, RunStore } from '../use-cases/ports.js';
import { previewSchedule } from '../use-cases/preview-schedule.js';
import { readJob } from '../use-cases/read-job.js';
import { getRun, listRuns } from '../use-cases/runs.js';
import {
  getSigningSecret,
  rotateSigningSecret,
  type SigningSecretDeps,
} from '../use-cases/signing-secret.js';
import { pauseJob, resumeJob, updateJob } from '../use-cases/update-job.js';
import type { IamTenantFrom } from './iam-tenant.js';
import { jsonResponse } from './problem.js';
import {
  deadFireRepresentation,
  etagOf,
  jobRepresentation,
  pageRepresentation,
  runRepresentation,
} from './representations.js';
import {
  type ApiEvent,
  idempotencyKeyOf,
  ifMatchOf,
  jsonBodyOf,
  optionalJsonBodyOf,
  queryOf,
  tenantOf as tenantOfRequest,
} from './request.js';

type Result = APIGatewayProxyStructuredResultV2;
type Route = (event: ApiEvent) => Promise<Result>;

export interface ApiDeps extends CreateJobDeps, SigningSecretDeps {
  readonly deadFires: DeadFireStore;
  readonly runs: RunStore;
  readonly dispatch: DispatchQueue;
  readonly health: HealthProbe;
  readonly version: string;
  /** Under IAM auth, whether the tenant is the caller's role or its session. @default 'role' */
  readonly iamTenantFrom?: IamTenantFrom;
}

export const PauseSchema = z.lazy(() =>
  z.strictObject({
    reason: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
  }),
);

const idOf = (event: ApiEvent): string => event.pathParameters?.id ?? '';

/** A path parameter with percent-escapes decoded once; a malformed escape is kept as written (and not found). */
function decodedPathParameter(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
const jobResponse = (status: number, job: Job, firing: Firing, headers: Record<string, string> = {}) =>
  jsonResponse(status, jobRepresentation(job, firing), { etag: etagOf(job), ...headers });

/**
 * The API's routes, keyed by API Gateway route key. Every route needs an authenticated tenant; all but the
 * preview, the OpenAPI document and the health check act on that tenant's own data.
 */
export function apiRoutes(deps: ApiDeps): Record<string, Route> {
  const tenantOf = (event: ApiEvent) => tenantOfRequest(event, deps.iamTenantFrom);
  /** Throws for a caller with no tenant: the routes that read no tenant's data are not anonymous either. */
  const refuseAnonymous = (event: ApiEvent): void => void tenantOf(event);
  /** A job just written, with its firing state (nothing overdue can be looked up cheaper than a GET). */
  const written = (status: number, job: Job, headers: Record<string, string> = {}) =>
    jobResponse(status, job, firingOf(job, deps.clock.nowMs()), headers);
  return {
    'POST /api/jobs': async (event) => {
      const { job, created } = await createJob(
        deps,
        tenantOf(event),
        jsonBodyOf(event),
        idempotencyKeyOf(event),
      );
      return written(created ? 201 : 200, job, { location: `/api/jobs/${job.jobId}` });
    },
    'GET /api/jobs': async (event) =>
      jsonResponse(
        200,
        pageRepresentation(await listJobs(deps, tenantOf(event), queryOf(event)), (job) =>
          jobRepresentation(job, firingOf(job, deps.clock.nowMs())),
        ),
      ),
    'GET /api/jobs/{id}': async (event) => {
      const { job, firing } = await readJob(deps, tenantOf(event), idOf(event));
      return jobResponse(200, job, firing);
    },
    'PUT /api/jobs/{id}': async (event) =>
      written(200, await updateJob(deps, tenantOf(event), idOf(event), jsonBodyOf(event), ifMatchOf(event))),
    'PATCH /api/jobs/{id}': async (event) =>
      written(200, await patchJob(deps, tenantOf(event), idOf(event), jsonBodyOf(event), ifMatchOf(event))),
    'DELETE /api/jobs/{id}': async (event) => {
      await deleteJob(deps, tenantOf(event), idOf(event), ifMatchOf(event));
      return { statusCode: 204 };
    },
    'POST /api/jobs/{id}/execute': async (event) => {
      const execution = await executeJobNow(deps, tenantOf(event), idOf(event));
      return jsonResponse(202, execution, {
        location: `/api/jobs/${execution.jobId}/runs/${encodeURIComponent(execution.runId)}`,
      });
    },
    'POST /api/jobs/{id}/pause': async (event) => {
      // Only an absent body is an empty request: a JSON null is a body, and not an object.
      const body = optionalJsonBodyOf(event);
      const { reason } = parseWith(PauseSchema, body === undefined ? {} : body, 'pause request');
      return written(200, await pauseJob(deps, tenantOf(event), idOf(event), reason, ifMatchOf(event)));
    },
    'POST /api/jobs/{id}/resume': async (event) =>
      written(200, await resumeJob(deps, tenantOf(event), idOf(event), ifMatchOf(event))),
    'GET /api/jobs/{id}/runs': async (event) =>
      jsonResponse(
        200,
        pageRepresentation(
          await listRuns(deps, tenantOf(event), idOf(event), queryOf(event)),
          runRepresentation,
        ),
      ),
    'GET /api/jobs/{id}/runs/{runId}': async (event) => {
      const runId = decodedPathParameter(event.pathParameters?.runId ?? '');
      return jsonResponse(200, runRepresentation(await getRun(deps, tenantOf(event), idOf(event), runId)));
    },
    'POST /api/schedules/preview': async (event) => {
      refuseAnonymous(event);
      return jsonResponse(200, previewSchedule(jsonBodyOf(event), deps.clock.nowMs()));
    },
    'GET /api/dlq': async (event) =>
      jsonResponse(
        200,
        pageRepresentation(
          await listDeadFires(deps, tenantOf(event), queryOf(event)),
          deadFireRepresentation,
        ),
      ),
    'POST /api/dlq/redrive': async (event) =>
      jsonResponse(200, await redriveDeadLetters(deps, tenantOf(event), optionalJsonBodyOf(event))),
    'GET /api/signing-secret': async (event) =>
      jsonResponse(200, await getSigningSecret(deps, tenantOf(event)), { 'cache-control': 'no-store' }),
    'POST /api/signing-secret/rotate': async (event) =>
      jsonResponse(200, await rotateSigningSecret(deps, tenantOf(event), jsonBodyOf(event)), {
        'cache-control': 'no-store',
      }),
    'GET /api/openapi.json': async (event) => {
      refuseAnonymous(event);
      // Generated from the schemas by `npm run openapi` (openapi.ts); a chunk loaded on first request.
      const { default: document } = await import('./openapi.json', { with: { type: 'json' } });
      return jsonResponse(200, { ...document, info: { ...document.info, version: deps.version } });
    },
    'GET /api/health': async (event) => {
      refuseAnonymous(event);
      const checks = await deps.health.check();
      const healthy = Object.values(checks).every((check) => check.ok);
      return jsonResponse(healthy ? 200 : 503, {
        status: healthy ? 'ok' : 'degraded',
        version: deps.version,
        checks,
      });
    },
  };
}

/** Dispatches an API event to its route. */
export function createApiRouter(deps: ApiDeps): (event: ApiEvent) => Promise<Result> {
  const routes = apiRoutes(deps);
  return async (event) => {
    const route = routes[event.routeKey];
    if (!route) throw new RouteNotFoundError(event.requestContext.http.method, event.rawPath);
    return route(event);
  };
}
