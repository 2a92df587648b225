import * as z from 'zod/mini';
import { JobSpecSchema, MAX_REQUEST_BYTES, STORABLE_NUMBER } from '../domain/job.js';
import { ListDeadFiresQuerySchema, RedriveSchema } from '../use-cases/dead-letters.js';
import { ListJobsQuerySchema } from '../use-cases/list-jobs.js';
import { PreviewRequestSchema } from '../use-cases/preview-schedule.js';
import { ListRunsQuerySchema } from '../use-cases/runs.js';
import { RotationRequestSchema } from '../use-cases/signing-secret.js';
import { PauseSchema } from './api-router.js';
import {
  built,
  DeadFire,
  Execution,
  GatewayMessage,
  Health,
  JOB_ID_PATTERN,
  JobOut,
  Preview,
  Problem,
  Redriven,
  RunOut,
  SigningSecret,
} from './openapi-schemas.js';
import { TITLES } from './problem.js';
import { PROBLEM_STATUS, type ProblemCode } from './problem-codes.js';

type JsonSchema = Record<string, unknown>;

/** Named schemas zod put in a local $defs (the recursive JSON value), declared once as components. */
const shared: Record<string, unknown> = {};

/**
 * A regular expression any engine reads alike (ECMA-262, Python, Go RE2, Java, .NET): `\d` is Unicode-aware
 * in Python and .NET, so it is spelled `[0-9]` (or `0-9` inside a class).
 */
export function portablePattern(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      const next = pattern[i + 1] ?? '';
      out += next === 'd' ? (inClass ? '0-9' : '[0-9]') : `\\${next}`;
      i++;
      continue;
    }
    if (char === '[' && !inClass) inClass = true;
    else if (char === ']' && inClass) inClass = false;
    out += char;
  }
  return out;
}

/** A body key the API refuses wherever it is (request.ts: JavaScript objects cannot carry it faithfully). */
const NO_PROTO_KEY = { not: { const: '__proto__' } };

/**
 * Every `pattern` made portable, every free-form key refused `__proto__` as the API does, and every `$schema`
 * dropped (the document's dialect is OpenAPI 3.1's).
 */
function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== '$schema')
      .map(([key, value]) => {
        if (key === 'pattern' && typeof value === 'string') return [key, portablePattern(value)];
        if (key === 'propertyNames') return [key, { ...(tidy(value) as JsonSchema), ...NO_PROTO_KEY }];
        return [key, tidy(value)];
      }),
  );
}

/**
 * The JSON Schema of a zod schema, with its local $defs moved to the document's components: in OpenAPI a
 * `#/$defs/...` reference would resolve against the document root, where there is no $defs.
 */
function json(schema: z.ZodMiniType, io: 'input' | 'output' = 'output'): JsonSchema {
  const { $defs, ...out } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' });
  const moved = (value: unknown) =>
    tidy(JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')));
  for (const [name, definition] of Object.entries($defs ?? {})) {
    const declared = JSON.stringify(shared[name] ?? moved(definition));
    if (declared !== JSON.stringify(moved(definition)))
      throw new Error(`two different schemas are named ${name}`);
    shared[name] = moved(definition);
  }
  return moved(out) as JsonSchema;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const page = (item: string): JsonSchema => ({
  type: 'object',
  properties: {
    items: { type: 'array', items: ref(item) },
    nextCursor: { type: 'string', description: 'Pass it as `cursor` for the next page; absent on the last' },
  },
  required: ['items'],
  additionalProperties: false,
});

/** Response headers, by name. */
const HEADERS = {
  ETag: {
    description: 'The job’s revision, quoted: send it back in If-Match',
    required: true,
    schema: { type: 'string', pattern: '^"[0-9]+"$' },
  },
  Location: { description: 'Where the resource is', required: true, schema: { type: 'string' } },
  'Retry-After': {
    description: 'Seconds until the limit’s window ends',
    required: true,
    schema: { type: 'integer', minimum: 0 },
  },
  'Cache-Control': {
    description: 'no-store: secrets are not cached',
    required: true,
    schema: { type: 'string', const: 'no-store' },
  },
} as const;
type Header = keyof typeof HEADERS;

interface Success {
  readonly description: string;
  /** A component's name, or a JSON Schema as it is. */
  readonly schema?: string | JsonSchema;
  readonly headers?: readonly Header[];
  /** OpenAPI links to the operations this answer leads to (the stateful tests follow them). */
  readonly links?: Record<string, unknown>;
}

/** One operation of the API: what it takes, what it answers, and which problems it can answer. */
interface Operation {
  readonly operationId: string;
  readonly tag: 'jobs' | 'runs' | 'schedules' | 'dead-letters' | 'signing' | 'service';
  readonly summary: string;
  /** `read`: jobs:read or jobs:write; `write`: jobs:write (token auth; IAM auth has no scopes). */
  readonly access: 'read' | 'write';
  readonly parameters?: readonly unknown[];
  readonly body?: { readonly schema: JsonSchema; readonly required: boolean };
  readonly success: Record<number, Success>;
  /** Every problem code the operation's own code can answer, beside those every operation can (COMMON). */
  readonly problems: readonly ProblemCode[];
}

/** Problems any operation's code can answer: no principal, a principal that cannot be a tenant, a bug. */
const COMMON: readonly ProblemCode[] = ['unauthenticated', 'principal_not_a_tenant', 'internal_error'];
/** What reading a JSON body can answer. */
const BODY: readonly ProblemCode[] = [
  'malformed_request',
  'validation_failed',
  'payload_too_large',
  'unsupported_media_type',
];
/** What a `{id}` in the path can answer: not a ULID, or no such job of the caller's. */
const JOB: readonly ProblemCode[] = ['validation_failed', 'job_not_found'];
/** Statuses API Gateway itself may answer on any route, with its own `{"message": …}` body. */
const GATEWAY_STATUSES: Record<number, string> = {
  401: 'no or an invalid token or signature (API Gateway’s authorizer)',
  403: 'a token without the scope the route needs (API Gateway’s authorizer)',
  413: 'a body over API Gateway’s own 10 MB limit',
  429: 'over the stage’s request rate (API Gateway’s throttling)',
  500: 'the integration failed (API Gateway)',
  503: 'the integration was throttled or unavailable (API Gateway)',
};

const idParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The job id, a ULID',
  schema: { type: 'string', pattern: JOB_ID_PATTERN },
};
const runIdParameter = {
  name: 'runId',
  in: 'path',
  required: true,
  description: 'A run id from a run list or an execute answer (URL-encoded)',
  schema: { type: 'string', minLength: 1, maxLength: 128 },
};
const ifMatch = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description: 'The ETag of the job as last read: the change is made only at that revision (else 412)',
  schema: { type: 'string', pattern: '^(\\*|(W/)?"?[0-9]{1,12}"?)$' },
};
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Makes a retried create answer the job the first request made (24 hours)',
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
};
const queryParameters = (schema: z.ZodMiniObject) =>
  Object.entries((json(schema, 'input').properties ?? {}) as Record<string, JsonSchema>).map(
    ([name, property]) => ({
      name,
      in: 'query',
      required: false,
      ...(name === 'cursor' ? { description: 'The nextCursor of the previous page, as it was given' } : {}),
      schema: property,
    }),
  );
const jsonBody = (schema: JsonSchema, required = true) => ({ schema, required });

/** Links from an answer carrying a job (its id in the body, its revision in the ETag). */
const jobLinks = {
  GetJob: { operationId: 'getJob', parameters: { id: '$response.body#/id' } },
  ReplaceJob: {
    operationId: 'replaceJob',
    parameters: { id: '$response.body#/id', 'header.If-Match': '$response.header.ETag' },
  },
  PauseJob: { operationId: 'pauseJob', parameters: { id: '$response.body#/id' } },
  ResumeJob: { operationId: 'resumeJob', parameters: { id: '$response.body#/id' } },
  ExecuteJob: { operationId: 'executeJob', parameters: { id: '$response.body#/id' } },
  ListRuns: { operationId: 'listRuns', parameters: { id: '$response.body#/id' } },
  DeleteJob: {
    operationId: 'deleteJob',
    parameters: { id: '$response.body#/id', 'header.If-Match': '$response.header.ETag' },
  },
};

/** What changing a job answers, whether it is replaced (PUT) or patched (PATCH). */
const jobChange = {
  success: {
    200: { description: 'The job at its new revision', schema: 'Job', headers: ['ETag'], links: jobLinks },
  },
  problems: [
    ...BODY,
    ...JOB,
    'target_not_allowed',
    'target_is_the_service',
    'revision_mismatch',
    'rate_limited',
    'dependency_unavailable',
  ],
} satisfies Pick<Operation, 'success' | 'problems'>;

/** The operations, keyed by API Gateway route key: the same keys as the router's and the stack's routes. */
export function apiOperations(): Record<string, Operation> {
  const jobSpec = ref('JobSpec');
  return {
    'POST /api/jobs': {
      operationId: 'createJob',
      tag: 'jobs',
      summary: 'Create a job',
      access: 'write',
      parameters: [idempotencyKey],
      body: jsonBody(jobSpec),
      success: {
        201: { description: 'Created', schema: 'Job', headers: ['ETag', 'Location'], links: jobLinks },
        200: {
          description: 'Replayed: the job this Idempotency-Key made',
          schema: 'Job',
          headers: ['ETag', 'Location'],
          links: jobLinks,
        },
      },
      problems: [
        ...BODY,
        'job_quota_exceeded',
        'target_not_allowed',
        'target_is_the_service',
        'idempotency_key_reused',
        'idempotency_key_spent',
        'rate_limited',
        'dependency_unavailable',
      ],
    },
    'GET /api/jobs': {
      operationId: 'listJobs',
      tag: 'jobs',
      summary: "List the caller's jobs, newest first",
      access: 'read',
      parameters: queryParameters(built(ListJobsQuerySchema)),
      success: { 200: { description: 'A page of jobs', schema: 'JobPage' } },
      problems: ['validation_failed', 'invalid_cursor'],
    },
    'GET /api/jobs/{id}': {
      operationId: 'getJob',
      tag: 'jobs',
      summary: 'Read a job',
      access: 'read',
      parameters: [idParameter],
      success: { 200: { description: 'The job', schema: 'Job', headers: ['ETag'] } },
      problems: JOB,
    },
    'PUT /api/jobs/{id}': {
      operationId: 'replaceJob',
      tag: 'jobs',
      summary: 'Replace a job',
      access: 'write',
      parameters: [idParameter, ifMatch],
      body: jsonBody(jobSpec),
      ...jobChange,
    },
    'PATCH /api/jobs/{id}': {
      operationId: 'patchJob',
      tag: 'jobs',
      summary:
        "Change some of a job's fields: a JSON merge patch (RFC 7396; application/merge-patch+json too)",
      access: 'write',
      parameters: [idParameter, ifMatch],
      body: jsonBody(ref('JobPatch')),
      ...jobChange,
    },
    'DELETE /api/jobs/{id}': {
      operationId: 'deleteJob',
      tag: 'jobs',
      summary: 'Delete a job and its schedule',
      access: 'write',
      parameters: [idParameter, ifMatch],
      success: { 204: { description: 'Deleted' } },
      problems: [...JOB, 'revision_mismatch', 'dependency_unavailable'],
    },
    'POST /api/jobs/{id}/execute': {
      operationId: 'executeJob',
      tag: 'runs',
      summary: 'Fire the job now, as its own run',
      access: 'write',
      parameters: [idParameter],
      success: {
        202: {
          description: 'Queued',
          schema: 'Execution',
          headers: ['Location'],
          links: {
            GetRun: {
              operationId: 'getRun',
              parameters: { id: '$response.body#/jobId', runId: '$response.body#/runId' },
            },
          },
        },
      },
      problems: [...JOB, 'job_completed', 'rate_limited', 'dependency_unavailable'],
    },
    'POST /api/jobs/{id}/pause': {
      operationId: 'pauseJob',
      tag: 'jobs',
      summary: 'Pause the job (pausing a paused job with the same reason changes nothing)',
      access: 'write',
      parameters: [idParameter, ifMatch],
      body: jsonBody(json(built(PauseSchema), 'input'), false),
      success: { 200: { description: 'The paused job', schema: 'Job', headers: ['ETag'] } },
      problems: [
        ...BODY,
        ...JOB,
        'job_completed',
        'revision_mismatch',
        'rate_limited',
        'dependency_unavailable',
      ],
    },
    'POST /api/jobs/{id}/resume': {
      operationId: 'resumeJob',
      tag: 'jobs',
      summary: 'Resume the job (resuming an active job changes nothing)',
      access: 'write',
      parameters: [idParameter, ifMatch],
      success: { 200: { description: 'The active job', schema: 'Job', headers: ['ETag'] } },
      problems: [...JOB, 'job_completed', 'revision_mismatch', 'rate_limited', 'dependency_unavailable'],
    },
    'GET /api/jobs/{id}/runs': {
      operationId: 'listRuns',
      tag: 'runs',
      summary: "The job's runs, newest first",
      access: 'read',
      parameters: [idParameter, ...queryParameters(built(ListRunsQuerySchema))],
      success: { 200: { description: 'A page of runs', schema: 'RunPage' } },
      problems: [...JOB, 'invalid_cursor'],
    },
    'GET /api/jobs/{id}/runs/{runId}': {
      operationId: 'getRun',
      tag: 'runs',
      summary: 'One run',
      access: 'read',
      parameters: [idParameter, runIdParameter],
      success: { 200: { description: 'The run', schema: 'Run' } },
      problems: [...JOB, 'run_not_found'],
    },
    'POST /api/schedules/preview': {
      operationId: 'previewSchedule',
      tag: 'schedules',
      summary: 'The next fires of a schedule',
      access: 'read',
      body: jsonBody(json(built(PreviewRequestSchema), 'input')),
      success: { 200: { description: 'Fires', schema: 'Preview' } },
      problems: BODY,
    },
    'GET /api/dlq': {
      operationId: 'listDeadFires',
      tag: 'dead-letters',
      summary: "The caller's dead fires, newest first (no other tenant's are read or touched)",
      access: 'read',
      parameters: queryParameters(built(ListDeadFiresQuerySchema)),
      success: { 200: { description: 'Dead fires', schema: 'DeadFirePage' } },
      problems: ['validation_failed', 'invalid_cursor'],
    },
    'POST /api/dlq/redrive': {
      operationId: 'redriveDeadFires',
      tag: 'dead-letters',
      summary:
        "Move the caller's dead fires back to the dispatch queue: the oldest `limit` (default 100), or those named by `ids`",
      access: 'write',
      body: jsonBody(json(built(RedriveSchema), 'input'), false),
      success: { 200: { description: 'Moved', schema: 'Redriven' } },
      problems: BODY,
    },
    'GET /api/signing-secret': {
      operationId: 'getSigningSecret',
      tag: 'signing',
      summary: "The caller's webhook signing secrets (Standard Webhooks): current, and next while rotating",
      access: 'write',
      success: { 200: { description: 'The secrets', schema: 'SigningSecret', headers: ['Cache-Control'] } },
      problems: ['dependency_unavailable'],
    },
    'POST /api/signing-secret/rotate': {
      operationId: 'rotateSigningSecret',
      tag: 'signing',
      summary:
        "One step of rotating the caller's signing secret: begin (sign with current and next), complete (next becomes current) or cancel",
      access: 'write',
      body: jsonBody(json(built(RotationRequestSchema), 'input')),
      success: {
        200: {
          description: 'The secrets after the step',
          schema: 'SigningSecret',
          headers: ['Cache-Control'],
        },
      },
      problems: [
        ...BODY,
        'signing_rotation_not_started',
        'signing_generation_mismatch',
        'signing_rotation_contended',
        'dependency_unavailable',
      ],
    },
    'GET /api/openapi.json': {
      operationId: 'getOpenApiDocument',
      tag: 'service',
      summary: 'This document',
      access: 'read',
      success: {
        200: {
          description: 'OpenAPI 3.1',
          schema: { type: 'object', required: ['openapi', 'info', 'paths'] },
        },
      },
      problems: [],
    },
    'GET /api/health': {
      operationId: 'getHealth',
      tag: 'service',
      summary: 'Dependencies reachable, and the version',
      access: 'read',
      success: {
        200: { description: 'Healthy', schema: 'Health' },
        503: { description: 'Degraded', schema: 'Health' },
      },
      problems: [],
    },
  };
}

/** The responses of an operation: its successes, then each error status with its problem codes and API Gateway's. */
function responsesOf(operation: Operation): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, success] of Object.entries(operation.success)) {
    responses[status] = {
      description: success.description,
      ...(success.headers
        ? { headers: Object.fromEntries(success.headers.map((name) => [name, HEADERS[name]])) }
        : {}),
      ...(success.schema
        ? {
            content: {
              'application/json': {
                schema: typeof success.schema === 'string' ? ref(success.schema) : success.schema,
              },
            },
          }
        : {}),
      ...(success.links ? { links: success.links } : {}),
    };
  }
  const codes = [...new Set([...operation.problems, ...COMMON])];
  const gatewayStatuses = Object.keys(GATEWAY_STATUSES)
    .map(Number)
    .filter((status) => status !== 413 || operation.body);
  const statuses = new Set([...codes.map((code) => PROBLEM_STATUS[code]), ...gatewayStatuses]);
  for (const status of [...statuses].sort((a, b) => a - b)) {
    if (responses[status]) continue;
    const own = codes.filter((code) => PROBLEM_STATUS[code] === status);
    const gateway = gatewayStatuses.includes(status) ? GATEWAY_STATUSES[status] : undefined;
    const content: Record<string, unknown> = {};
    if (own.length > 0) {
      content['application/problem+json'] = {
        schema: { allOf: [ref('Problem'), { type: 'object', properties: { code: { enum: own } } }] },
      };
    }
    if (gateway) content['application/json'] = { schema: ref('GatewayMessage') };
    const said = [
      ...(own.length > 0 ? [`problem ${own.map((code) => `\`${code}\``).join(', ')}`] : []),
      ...(gateway ? [`or API Gateway's own answer: ${gateway}`] : []),
    ];
    responses[status] = {
      description: `${TITLES[status] ?? status}: ${said.join('; ')}`,
      ...(status === 429 && own.includes('rate_limited')
        ? { headers: { 'Retry-After': { ...HEADERS['Retry-After'], required: false } } }
        : {}),
      content,
    };
  }
  return responses;
}

/** A payload's JSON value, its numbers limited to what DynamoDB stores (STORABLE_NUMBER). */
function storableJsonValue(jsonValue: unknown): unknown {
  const { min, max } = STORABLE_NUMBER;
  const number = {
    type: 'number',
    description: `0, or ${min} to ${max} in magnitude (DynamoDB's smallest number, the largest safe integer)`,
    anyOf: [{ const: 0 }, { minimum: min, maximum: max }, { minimum: -max, maximum: -min }],
  };
  const { anyOf, ...rest } = jsonValue as { anyOf: Array<{ type?: string }> };
  return { ...rest, anyOf: anyOf.map((option) => (option.type === 'number' ? number : option)) };
}

const SCOPES = { read: 'jobs:read', write: 'jobs:write' } as const;
/** Security alternatives: SigV4 (auth mode iam), or a bearer token with a scope the route accepts (jwt, cognito). */
function securityOf(access: 'read' | 'write'): unknown[] {
  const scopes = access === 'read' ? [SCOPES.read, SCOPES.write] : [SCOPES.write];
  return [
    { sigv4: [] },
    ...scopes.map((scope) => ({ bearer: [scope] })),
    ...scopes.map((scope) => ({ cognito: [`scheduler/${scope}`] })),
  ];
}

let document: unknown;

/**
 * Where `npm run openapi` writes the document. The Lambda serves that file, so neither this module nor zod's
 * JSON Schema generator is part of its bundle.
 */
export const OPENAPI_FILE = new URL('openapi.json', import.meta.url);

/**
 * A merge patch of a job: JobSpec's members, none required (a member left out is left as it is). Nested objects
 * are the members' own schemas: a patch that changes `schedule` sends a whole valid schedule.
 */
function jobPatchSchema(): JsonSchema {
  const { required: _required, ...spec } = json(built(JobSpecSchema), 'input') as JsonSchema & {
    required?: unknown;
  };
  return {
    ...spec,
    description: 'Members of JobSpec to change (RFC 7396): anything left out stays as it is.',
  };
}

/** The OpenAPI 3.1 document of this API, generated from the same zod schemas that validate requests. */
export function openApiDocument(version: string): unknown {
  if (document) return document;
  const schemas: Record<string, unknown> = {
    Problem: json(Problem),
    GatewayMessage: json(GatewayMessage),
    Job: json(JobOut),
    JobSpec: json(built(JobSpecSchema), 'input'),
    JobPatch: jobPatchSchema(),
    Run: json(RunOut),
    JobPage: page('Job'),
    RunPage: page('Run'),
    DeadFire: json(DeadFire),
    DeadFirePage: page('DeadFire'),
    Redriven: json(Redriven),
    Execution: json(Execution),
    Preview: json(Preview),
    SigningSecret: json(SigningSecret),
    Health: json(Health),
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [routeKey, operation] of Object.entries(apiOperations())) {
    const [method = '', path = ''] = routeKey.split(' ');
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[method.toLowerCase()] = {
      operationId: operation.operationId,
      tags: [operation.tag],
      summary: operation.summary,
      security: securityOf(operation.access),
      ...(operation.parameters ? { parameters: operation.parameters } : {}),
      ...(operation.body
        ? {
            requestBody: {
              required: operation.body.required,
              content: { 'application/json': { schema: operation.body.schema } },
            },
          }
        : {}),
      responses: responsesOf(operation),
    };
  }
  const doc = {
    openapi: '3.1.0',
    info: {
      title: 'Serverless Scheduler',
      version,
      description: `Jobs fired on a schedule into webhooks, SQS, EventBridge or Lambda. Request bodies up to ${MAX_REQUEST_BYTES} bytes. Every request is authenticated, by the one scheme the deployment's \`auth\` prop selects: SigV4 (\`iam\`), a bearer JWT from your issuer (\`jwt\`) or from the stack's Cognito pool (\`cognito\`); the tenant is the caller. Errors are RFC 9457 problems (application/problem+json) with a stable \`code\`; API Gateway's own refusals (authorizer, throttling) are \`{"message": …}\` (application/json).`,
    },
    servers: [
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com',
        description: 'A deployment on AWS (the stack output ApiEndpoint)',
        variables: { apiId: { default: 'abcdef1234' }, region: { default: 'us-east-1' } },
      },
      {
        url: 'http://127.0.0.1:4566/_aws/execute-api/{apiId}/$default',
        description: 'The local development stack (npm start prints it)',
        variables: { apiId: { default: 'abcdef1234' } },
      },
    ],
    tags: [
      { name: 'jobs', description: 'Jobs: a schedule and a target' },
      { name: 'runs', description: 'What each fire did' },
      { name: 'schedules', description: 'Schedule previews' },
      { name: 'dead-letters', description: "The caller's fires that died, and their redrive" },
      { name: 'signing', description: 'Webhook signing secrets' },
      { name: 'service', description: 'Health and this document' },
    ],
    components: {
      securitySchemes: {
        sigv4: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description:
            'auth mode `iam`: requests signed with AWS Signature Version 4 (service execute-api); the tenant is the IAM role',
          'x-amazon-apigateway-authtype': 'awsSigv4',
        },
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'auth mode `jwt`: a JWT from your issuer with the scope jobs:read or jobs:write; the tenant is its `sub`',
        },
        cognito: {
          type: 'oauth2',
          description:
            "auth mode `cognito`: a client-credentials token from the stack's Cognito pool (stack output TokenEndpoint); the tenant is the app client",
          flows: {
            clientCredentials: {
              tokenUrl: 'https://your-domain-prefix.auth.us-east-1.amazoncognito.com/oauth2/token',
              scopes: {
                'scheduler/jobs:read': 'Read jobs and runs',
                'scheduler/jobs:write': 'Create, change and run jobs',
              },
            },
          },
        },
      },
      schemas,
    },
    paths,
  };
  // Last, once every path's schemas are converted: the named schemas they use are all collected.
  Object.assign(doc.components.schemas, shared, { JsonValue: storableJsonValue(shared.JsonValue) });
  document = doc;
  return document;
}
