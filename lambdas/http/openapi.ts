import * as z from 'zod/mini';
import { JobSpecSchema, MAX_REQUEST_BYTES } from '../domain/job.js';
import { ListDeadFiresQuerySchema, RedriveSchema } from '../use-cases/dead-letters.js';
import { ListJobsQuerySchema } from '../use-cases/list-jobs.js';
import { PreviewRequestSchema } from '../use-cases/preview-schedule.js';
import { RotationRequestSchema } from '../use-cases/signing-secret.js';
import { PauseSchema } from './api-router.js';

// Response shapes, declared in zod like the requests so the document is generated from one source.
const Timestamp = z.iso.datetime();
// The request schemas are lazy (built on first use); the document works on what they build.
const built = <T extends z.ZodMiniType>(schema: z.ZodMiniLazy<T>): T => schema._zod.innerType;

const JobOut = z.safeExtend(built(JobSpecSchema), {
  id: z.string().check(z.describe('ULID')),
  status: z.enum(['ACTIVE', 'PAUSED', 'COMPLETED']),
  pausedReason: z.optional(z.string()),
  revision: z.int().check(z.describe('Also the ETag; send it back in If-Match.')),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  nextRunAt: z.optional(Timestamp),
  lastRunAt: z.optional(Timestamp),
  lastRunStatus: z.optional(z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED'])),
  lastSkipReason: z.optional(z.string().check(z.describe('Why the latest skipped fire was skipped'))),
  lastSkippedAt: z.optional(Timestamp),
  firing: z.object({
    schedule: z.enum(['enabled', 'disabled', 'finished']),
    nextFireAt: z.optional(Timestamp),
    nextFireLocal: z.optional(
      z.string().check(z.describe("The next fire in the job's time zone, with offset")),
    ),
    overdue: z.optional(
      z.object({
        scheduledTime: Timestamp,
        reason: z.enum([
          'running',
          'retrying',
          'stalled',
          'catch_up_pending',
          'skip_pending',
          'awaiting_run',
        ]),
        detail: z.string(),
        nextAttemptAt: z.optional(Timestamp),
      }),
    ),
  }),
});
const RunOut = z.object({
  jobId: z.string(),
  runId: z.string().check(z.describe('The scheduled time, or `<time>~<ULID>` for a manual run')),
  scheduledTime: Timestamp,
  trigger: z.enum(['schedule', 'manual']),
  status: z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED']),
  attempt: z.int(),
  startedAt: Timestamp,
  finishedAt: z.optional(Timestamp),
  outcome: z.optional(
    z.object({ statusCode: z.optional(z.int()), durationMs: z.number(), error: z.optional(z.string()) }),
  ),
  skipReason: z.optional(z.string()),
});
const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  code: z.string().check(z.describe('Stable, machine-readable reason')),
  detail: z.string(),
  instance: z.optional(z.string()),
  errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
});
const Execution = z.object({
  jobId: z.string(),
  runId: z.string(),
  scheduledTime: Timestamp,
  trigger: z.literal('manual'),
});
const Preview = z.object({
  timezone: z.string(),
  fires: z.array(
    z.object({ utc: Timestamp, local: z.string(), dst: z.optional(z.enum(['gap', 'overlap'])) }),
  ),
});
const DeadFires = z.object({
  items: z.array(
    z.object({
      id: z.string().check(z.describe('`<sentAt>#<messageId>`; pass it to /api/dlq/redrive as one of `ids`')),
      messageId: z.string(),
      fire: z.looseObject({ jobId: z.string(), revision: z.int(), scheduledTime: z.string() }),
      reason: z.optional(z.string()),
      sentAt: Timestamp,
      filedAt: Timestamp,
      receiveCount: z.int(),
    }),
  ),
  nextCursor: z.optional(z.string()),
});
const GenerationSecret = z.object({
  generation: z.int(),
  secret: z.string().check(z.describe('whsec_<base64 key bytes>: give it to a standardwebhooks library')),
});
const SigningSecret = z.object({
  current: GenerationSecret,
  next: z.optional(GenerationSecret),
  rotationStartedAt: z.optional(Timestamp),
  signedWithNextFrom: z.optional(
    Timestamp.check(z.describe('From then on every call also carries a signature with next')),
  ),
  rotatedAt: z.optional(Timestamp),
  propagationSeconds: z.int().check(z.describe('How long a rotation step takes to reach every call')),
});
const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  checks: z.record(z.string(), z.object({ ok: z.boolean(), detail: z.optional(z.string()) })),
});

/** Named schemas zod put in a local $defs (the recursive JSON value), declared once as components. */
const shared: Record<string, unknown> = {};

/**
 * The JSON Schema of a zod schema, with its local $defs moved to the document's components: in OpenAPI a
 * `#/$defs/...` reference would resolve against the document root, where there is no $defs.
 */
function json(schema: z.ZodMiniType, io: 'input' | 'output' = 'output'): Record<string, unknown> {
  const { $defs, ...out } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' });
  const moved = (value: unknown) =>
    JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/'));
  for (const [name, definition] of Object.entries($defs ?? {})) {
    const declared = JSON.stringify(shared[name] ?? moved(definition));
    if (declared !== JSON.stringify(moved(definition)))
      throw new Error(`two different schemas are named ${name}`);
    shared[name] = moved(definition);
  }
  return moved(out);
}
/** A shape declared once under components/schemas, referred to wherever it appears. */
type Component = 'Job' | 'JobSpec' | 'Run' | 'Problem';
type JsonSchema = Record<string, unknown>;
const ref = (name: Component) => ({ $ref: `#/components/schemas/${name}` });
/** A zod schema converted, a component referred to, or a JSON Schema as it is. */
const schemaOf = (schema: z.ZodMiniType | Component | JsonSchema, io: 'input' | 'output'): JsonSchema =>
  typeof schema === 'string' ? ref(schema) : '_zod' in schema ? json(schema as z.ZodMiniType, io) : schema;
const page = (item: Component): JsonSchema => ({
  type: 'object',
  properties: { items: { type: 'array', items: ref(item) }, nextCursor: { type: 'string' } },
  required: ['items'],
  additionalProperties: false,
});
const body = (schema: z.ZodMiniType | Component) => ({
  required: true,
  content: { 'application/json': { schema: schemaOf(schema, 'input') } },
});
const ok = (description: string, schema?: z.ZodMiniType | Component | JsonSchema) => ({
  description,
  ...(schema ? { content: { 'application/json': { schema: schemaOf(schema, 'output') } } } : {}),
});
const problems = Object.fromEntries(
  ['400', '401', '403', '404', '409', '412', '413', '415', '503'].map((status) => [
    status,
    {
      description: 'Problem',
      content: { 'application/problem+json': { schema: ref('Problem') } },
    },
  ]),
);
/** The writes limited per tenant (create, update, execute) may also answer 429, with Retry-After. */
const rateLimited = {
  429: {
    description: 'Over the tenant’s rate limit for this operation; nothing was written',
    headers: {
      'Retry-After': { description: 'Seconds until the limit’s window ends', schema: { type: 'integer' } },
    },
    content: { 'application/problem+json': { schema: ref('Problem') } },
  },
};
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const ifMatch = { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } };
const queryParams = (schema: z.ZodMiniObject) =>
  Object.entries(json(schema, 'input').properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: false,
    schema: property,
  }));

let document: unknown;

/**
 * Where `npm run openapi` writes the document. The Lambda serves that file, so neither this module nor zod's
 * JSON Schema generator is part of its bundle.
 */
export const OPENAPI_FILE = new URL('openapi.json', import.meta.url);

/** The OpenAPI 3.1 document of this API, generated from the same zod schemas that validate requests. */
export function openApiDocument(version: string): unknown {
  if (document) return document;
  const doc = {
    openapi: '3.1.0',
    info: {
      title: 'Serverless Scheduler',
      version,
      description: `Jobs fired on a schedule into webhooks, SQS, EventBridge or Lambda. Request bodies up to ${MAX_REQUEST_BYTES} bytes. Every request is authenticated (SigV4 or a JWT bearer token); the tenant is the caller.`,
    },
    components: {
      schemas: {
        Problem: json(Problem),
        Job: json(JobOut),
        JobSpec: json(JobSpecSchema, 'input'),
        Run: json(RunOut),
      },
    },
    paths: {
      '/api/jobs': {
        post: {
          summary: 'Create a job',
          parameters: [
            { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } },
          ],
          requestBody: body('JobSpec'),
          responses: {
            201: ok('Created', 'Job'),
            200: ok('Replayed: the job this Idempotency-Key made', 'Job'),
            ...problems,
            ...rateLimited,
          },
        },
        get: {
          summary: "List the caller's jobs, newest first",
          parameters: queryParams(built(ListJobsQuerySchema)),
          responses: { 200: ok('A page of jobs', page('Job')), ...problems },
        },
      },
      '/api/jobs/{id}': {
        get: {
          summary: 'Read a job',
          parameters: [id],
          responses: { 200: ok('The job', 'Job'), ...problems },
        },
        put: {
          summary: 'Replace a job',
          parameters: [id, ifMatch],
          requestBody: body('JobSpec'),
          responses: { 200: ok('The job at its new revision', 'Job'), ...problems, ...rateLimited },
        },
        patch: {
          summary: 'Change some of a job’s fields (JSON Merge Patch, RFC 7396)',
          parameters: [id, ifMatch],
          requestBody: {
            required: true,
            content: Object.fromEntries(
              ['application/merge-patch+json', 'application/json'].map((type) => [
                type,
                {
                  schema: {
                    type: 'object',
                    description:
                      'Members of JobSpec to change: objects merge member by member, null removes a member, anything else replaces it.',
                  },
                },
              ]),
            ),
          },
          responses: { 200: ok('The job at its new revision', 'Job'), ...problems, ...rateLimited },
        },
        delete: {
          summary: 'Delete a job and its schedule',
          parameters: [id, ifMatch],
          responses: { 204: ok('Deleted'), ...problems },
        },
      },
      '/api/jobs/{id}/execute': {
        post: {
          summary: 'Fire the job now, as its own run',
          parameters: [id],
          responses: { 202: ok('Queued', Execution), ...problems, ...rateLimited },
        },
      },
      '/api/jobs/{id}/pause': {
        post: {
          summary: 'Pause the job',
          parameters: [id, ifMatch],
          requestBody: {
            required: false,
            content: {
              'application/json': {
                schema: json(built(PauseSchema), 'input'),
              },
            },
          },
          responses: { 200: ok('The paused job', 'Job'), ...problems, ...rateLimited },
        },
      },
      '/api/jobs/{id}/resume': {
        post: {
          summary: 'Resume the job',
          parameters: [id, ifMatch],
          responses: { 200: ok('The active job', 'Job'), ...problems, ...rateLimited },
        },
      },
      '/api/jobs/{id}/runs': {
        get: {
          summary: "The job's runs, newest first",
          parameters: [
            id,
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
            { name: 'cursor', in: 'query', schema: { type: 'string' } },
          ],
          responses: { 200: ok('A page of runs', page('Run')), ...problems },
        },
      },
      '/api/jobs/{id}/runs/{runId}': {
        get: {
          summary: 'One run',
          parameters: [id, { name: 'runId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: ok('The run', 'Run'), ...problems },
        },
      },
      '/api/schedules/preview': {
        post: {
          summary: 'The next fires of a schedule',
          requestBody: body(PreviewRequestSchema),
          responses: { 200: ok('Fires', Preview), ...problems },
        },
      },
      '/api/dlq': {
        get: {
          summary: "The caller's dead fires, newest first (no other tenant's are read or touched)",
          parameters: queryParams(built(ListDeadFiresQuerySchema)),
          responses: { 200: ok('Dead fires', DeadFires), ...problems },
        },
      },
      '/api/dlq/redrive': {
        post: {
          summary:
            "Move the caller's dead fires back to the dispatch queue: the oldest `limit` (default 100), or those named by `ids`",
          requestBody: {
            required: false,
            content: { 'application/json': { schema: json(RedriveSchema, 'input') } },
          },
          responses: { 200: ok('Moved', z.object({ redriven: z.int() })), ...problems },
        },
      },
      '/api/signing-secret': {
        get: {
          summary:
            "The caller's webhook signing secrets (Standard Webhooks): current, and next while rotating",
          responses: { 200: ok('The secrets', SigningSecret), ...problems },
        },
      },
      '/api/signing-secret/rotate': {
        post: {
          summary:
            "One step of rotating the caller's signing secret: begin (sign with current and next), complete (next becomes current) or cancel",
          requestBody: body(built(RotationRequestSchema)),
          responses: { 200: ok('The secrets after the step', SigningSecret), ...problems },
        },
      },
      '/api/health': {
        get: {
          summary: 'Dependencies reachable, and the version',
          responses: { 200: ok('Healthy', Health), 503: ok('Degraded', Health) },
        },
      },
      '/api/openapi.json': { get: { summary: 'This document', responses: { 200: ok('OpenAPI 3.1') } } },
    },
  };
  // Last, once every path's schemas are converted: the named schemas they use are all collected.
  Object.assign(doc.components.schemas, shared);
  document = doc;
  return document;
}
