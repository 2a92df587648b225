import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import fc from 'fast-check';
import { ulid } from 'ulid';
import { afterAll, describe, expect, it } from 'vitest';
import { parseInsecureHost } from '../../../lambdas/domain/http-reach.js';
import { createApiRouter } from '../../../lambdas/http/api-router.js';
import { problemDetails } from '../../../lambdas/http/problem-middleware.js';
import type { ApiEvent } from '../../../lambdas/http/request.js';
import { noMetrics, noRateLimits } from '../../../lambdas/use-cases/ports.js';
import { apiEvent } from '../../support/api-events.js';
import {
  InMemoryDeadFireStore,
  InMemoryDispatchQueue,
  InMemoryJobStore,
  InMemoryRunStore,
  InMemoryScheduleRegistry,
  ManualClock,
} from '../../support/in-memory-ports.js';
import { InMemorySigningGenerations, TEST_MASTER_KEY } from '../../support/in-memory-signing.js';
import { servedDocument, undocumentedInAnswer } from '../../support/openapi-contract.js';

/*
 * Property-based fuzzing of the real API handler (middy + problemDetails + router) over in-memory ports.
 * Requests are derived from the request schemas (JobSpecSchema, the preview and pause bodies, the list
 * queries) and then mutated, plus raw noise. Every answer must be a 2xx with a JSON body or a 4xx problem
 * document, never a 5xx (the in-memory ports never fail, so no 503 is legitimate here), and a failed create
 * must leave no job without its schedule. Run counts are fixed below: at least 10,000 fuzzed requests.
 */

type Response = APIGatewayProxyStructuredResultV2;

/** fc.assert runs per property; each POST run sends ≥ 2 requests, each route run ≥ 3, each raw run 1. */
const POST_RUNS = 2_000;
const ROUTE_RUNS = 2_000;
const RAW_RUNS = 3_000;
const PROPERTY_TIMEOUT_MS = 120_000;

const NOW = Date.parse('2026-11-27T10:00:00Z');
const ALICE = 'arn:aws:iam::111122223333:user/alice';
const MALLORY = 'arn:aws:iam::444455556666:user/mallory';
const context = { awsRequestId: 'req-fuzz' } as Context;

let fuzzedRequests = 0;
let setupRequests = 0;

afterAll(() => {
  console.log(`api fuzz: ${fuzzedRequests} requests fuzzed (plus ${setupRequests} setup requests)`);
});

// ---------------------------------------------------------------------------------------------------------
// The handler under test
// ---------------------------------------------------------------------------------------------------------

interface Api {
  readonly jobs: InMemoryJobStore;
  readonly schedules: InMemoryScheduleRegistry;
  readonly runs: InMemoryRunStore;
  /** The error the router threw for the last request, if any: shown when an answer is a 5xx. */
  lastError: unknown;
  readonly handle: (event: ApiEvent) => Promise<Response>;
}

function newApi(): Api {
  const jobs = new InMemoryJobStore();
  const schedules = new InMemoryScheduleRegistry();
  const runs = new InMemoryRunStore();
  const router = createApiRouter({
    jobs,
    schedules,
    runs,
    dispatch: new InMemoryDispatchQueue(),
    health: { check: async () => ({ dynamodb: { ok: true }, sqs: { ok: true }, scheduler: { ok: true } }) },
    clock: new ManualClock(NOW),
    newJobId: () => ulid(),
    targetPolicy: {
      insecureHostsAllowed: [parseInsecureHost('127.0.0.1:8080')],
      arnAllowlist: ['arn:aws:sqs:*:123456789012:*'],
      serviceResourcePrefix: 'Scheduler-',
    },
    jobQuota: 1000,
    rateLimiter: noRateLimits,
    version: 'test',
    signingGenerations: new InMemorySigningGenerations(),
    signingMasterKey: async () => TEST_MASTER_KEY,
    metrics: noMetrics,
    deadFires: new InMemoryDeadFireStore(),
  });
  const api: Api = {
    jobs,
    schedules,
    runs,
    lastError: undefined,
    handle: async () => ({}),
  };
  // A pass-through that only remembers what the router threw; the error still reaches problemDetails.
  const recordingRouter = async (event: ApiEvent) => {
    try {
      return await router(event);
    } catch (error) {
      api.lastError = error;
      throw error;
    }
  };
  const handler = middy<ApiEvent, Response>().use(problemDetails()).handler(recordingRouter);
  return Object.assign(api, { handle: (event: ApiEvent) => handler(event, context) });
}

// ---------------------------------------------------------------------------------------------------------
// What every answer must look like (properties 1 to 3) and what the stores must look like (property 4)
// ---------------------------------------------------------------------------------------------------------

const headerOf = (response: Response, name: string): string | undefined =>
  Object.entries(response.headers ?? {})
    .find(([key]) => key.toLowerCase() === name)?.[1]
    ?.toString();

const preview = (text: string | undefined, max = 300): string =>
  text === undefined ? '(none)' : text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;

function describeRequest(event: ApiEvent): string {
  return `${event.routeKey || '(empty route key)'} path=${JSON.stringify(event.pathParameters ?? {})} query=${JSON.stringify(
    event.queryStringParameters ?? {},
  )} headers=${preview(JSON.stringify(event.headers))} base64=${event.isBase64Encoded} body=${preview(event.body)}`;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frame = error.stack?.split('\n').find((line) => line.includes('/lambdas/'));
  return `${error.name}: ${error.message}${frame ? ` (${frame.trim()})` : ''}`;
}

/** A stack frame (`at fn (/path/file.js:1:2)`, `at file:///…:1:2`) or a dependency path. */
const STACK_TRACE = /\bat (?:[^\s()]+ \()?(?:file:\/\/|\/|[A-Za-z]:\\)[^\s)]*:\d+:\d+|node_modules/;
const PROBLEM_CODE = /^[a-z_]+$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: string | undefined): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text ?? '') };
  } catch {
    return { ok: false };
  }
}

/** Property 2: a 4xx is an RFC 9457 problem document with this service's fields, and shows no internals. */
function expectProblemDocument(response: Response, status: number, request: string): void {
  const contentType = headerOf(response, 'content-type');
  expect(contentType, `content-type of a ${status} to ${request}`).toBe('application/problem+json');
  const parsed = parseJson(response.body);
  expect(parsed.ok, `a ${status} body that is not JSON: ${preview(response.body)} for ${request}`).toBe(true);
  const problem = parsed.ok ? parsed.value : undefined;
  const where = `problem ${preview(response.body)} for ${request}`;
  expect(isRecord(problem), `not a JSON object: ${where}`).toBe(true);
  if (!isRecord(problem)) return;
  expect(typeof problem.type, `type: ${where}`).toBe('string');
  expect(typeof problem.title, `title: ${where}`).toBe('string');
  expect(problem.status, `status: ${where}`).toBe(status);
  expect(typeof problem.code === 'string' && PROBLEM_CODE.test(problem.code), `code: ${where}`).toBe(true);
  expect(typeof problem.detail, `detail: ${where}`).toBe('string');
  if ('errors' in problem) {
    expect(Array.isArray(problem.errors), `errors is not an array: ${where}`).toBe(true);
    for (const error of Array.isArray(problem.errors) ? problem.errors : []) {
      const valid = isRecord(error) && typeof error.path === 'string' && typeof error.message === 'string';
      expect(valid, `errors[] item ${JSON.stringify(error)}: ${where}`).toBe(true);
    }
  }
}

/** Property 3: a 2xx carries JSON (a 204 carries nothing); a job in it comes with its revision as ETag. */
function expectJsonSuccess(response: Response, status: number, request: string): unknown {
  if (status === 204) {
    expect(response.body ?? '', `a 204 with a body for ${request}`).toBe('');
    return undefined;
  }
  expect(headerOf(response, 'content-type'), `content-type of a ${status} to ${request}`).toBe(
    'application/json',
  );
  const parsed = parseJson(response.body);
  expect(parsed.ok, `a ${status} body that is not JSON: ${preview(response.body)} for ${request}`).toBe(true);
  const body = parsed.ok ? parsed.value : undefined;
  const etag = headerOf(response, 'etag');
  if (isRecord(body) && typeof body.revision === 'number') {
    expect(etag, `ETag of the job answered to ${request}`).toBe(`"${body.revision}"`);
  }
  return body;
}

const prototypeKeys = (value: object) => Object.getOwnPropertyNames(value).sort().join();
const PRISTINE_OBJECT_PROTOTYPE = prototypeKeys(Object.prototype);
const PRISTINE_ARRAY_PROTOTYPE = prototypeKeys(Array.prototype);

/** Sends one request and checks properties 1 to 3 (and that no prototype was polluted) on its answer. */
async function exchange(api: Api, event: ApiEvent, kind: 'fuzzed' | 'setup' = 'fuzzed') {
  if (kind === 'fuzzed') fuzzedRequests += 1;
  else setupRequests += 1;
  api.lastError = undefined;
  const response = await api.handle(event);
  const status = response.statusCode ?? 200;
  const request = describeRequest(event);
  // Property 1: the in-memory ports never fail, so no 5xx is legitimate.
  expect(
    status,
    `${status} ${preview(response.body)} for ${request}; the router threw ${describeError(api.lastError)}`,
  ).toBeLessThan(500);
  expect(STACK_TRACE.test(response.body ?? ''), `a stack trace in ${preview(response.body, 2000)}`).toBe(
    false,
  );
  expect(prototypeKeys(Object.prototype), `Object.prototype polluted by ${request}`).toBe(
    PRISTINE_OBJECT_PROTOTYPE,
  );
  expect(prototypeKeys(Array.prototype), `Array.prototype polluted by ${request}`).toBe(
    PRISTINE_ARRAY_PROTOTYPE,
  );
  const body =
    status >= 400
      ? expectProblemDocument(response, status, request)
      : expectJsonSuccess(response, status, request);
  // Property 5: the answer is one the OpenAPI document declares for the route (status, content type, body,
  // a problem's code), so the document cannot drift from what the handlers raise. Unknown routes have none.
  const parsed = parseJson(response.body);
  if (ROUTE_KEYS.has(event.routeKey)) {
    expect(
      undocumentedInAnswer(
        event.routeKey,
        status,
        headerOf(response, 'content-type'),
        parsed.ok ? parsed.value : undefined,
      ),
      `the answer to ${request}: ${preview(response.body)}`,
    ).toEqual([]);
  }
  return { status, response, body, request };
}

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** The route keys the document declares (`METHOD /path`). */
const ROUTE_KEYS = new Set(
  Object.entries(servedDocument.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  ),
);

/** Property 3 for POST /api/jobs: a created (201) or replayed (200) job names its id, revision and Location. */
function expectJobAnswer(answer: Awaited<ReturnType<typeof exchange>>): void {
  if (answer.status >= 300) return;
  expect([200, 201], `POST /api/jobs answered ${answer.status}`).toContain(answer.status);
  const job = answer.body;
  expect(isRecord(job) && typeof job.id === 'string' && ULID.test(job.id), `id of ${answer.request}`).toBe(
    true,
  );
  if (!isRecord(job)) return;
  expect(
    Number.isInteger(job.revision) && (job.revision as number) >= 1,
    `revision of ${answer.request}`,
  ).toBe(true);
  expect(headerOf(answer.response, 'etag'), `ETag of ${answer.request}`).toBe(`"${job.revision}"`);
  expect(headerOf(answer.response, 'location'), `Location of ${answer.request}`).toBe(`/api/jobs/${job.id}`);
}

/**
 * Property 4: nothing half-written. Every job has its schedule and every schedule its job; a tenant's quota
 * count matches its jobs; and (where nothing is deleted) every recorded Idempotency-Key names a stored job.
 */
function expectNothingHalfWritten(api: Api, after: string, options: { keysNameJobs: boolean }): void {
  const jobIds = [...api.jobs.jobs.keys()].sort();
  const scheduleIds = [...api.schedules.schedules.keys()].sort();
  expect(scheduleIds, `job and schedule ids differ after ${after}`).toEqual(jobIds);
  const perTenant = new Map<string, number>();
  for (const job of api.jobs.jobs.values()) perTenant.set(job.tenant, (perTenant.get(job.tenant) ?? 0) + 1);
  for (const [tenant, count] of api.jobs.counts) {
    expect(count, `quota count of ${tenant} after ${after}`).toBe(perTenant.get(tenant) ?? 0);
  }
  if (options.keysNameJobs) {
    for (const [key, record] of api.jobs.keys) {
      expect(
        api.jobs.jobs.has(record.jobId),
        `Idempotency-Key ${key} names a missing job after ${after}`,
      ).toBe(true);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Turning values into bodies: JSON text with verbatim tokens (NaN-ish numbers, very deep nesting)
// ---------------------------------------------------------------------------------------------------------

/** A JSON fragment written into the body verbatim: not-quite-JSON numbers, nesting too deep to build. */
class RawJson {
  constructor(readonly text: string) {}
}

function toJsonText(value: unknown): string | undefined {
  const raws: string[] = [];
  const text: string | undefined = JSON.stringify(value, (_key, item: unknown) =>
    item instanceof RawJson ? `\u0000raw:${raws.push(item.text) - 1}\u0000` : item,
  );
  return text?.replace(/"\\u0000raw:(\d+)\\u0000"/g, (_match, index: string) => raws[Number(index)] ?? '');
}

/** Sets an own, enumerable property, even for keys like `__proto__` that plain assignment would not create. */
function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A deep copy made of plain objects and arrays, so mutating it never touches a generated value. */
function copy(value: unknown): unknown {
  if (value instanceof RawJson || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copy);
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) define(result, key, copy(item));
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Arbitraries mirroring the schemas (lambdas/domain/job.ts, target.ts, use-cases/preview-schedule.ts, …)
// ---------------------------------------------------------------------------------------------------------

const NAME_CHARS = [...'abcxyzABCXYZ0189 ._:/-', 'é', 'ß', 'Ж', '日', '٣', 'ℵ'];
const jobName = fc.string({ unit: fc.constantFrom(...NAME_CHARS), minLength: 1, maxLength: 128 });

const TIME_ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'America/Sao_Paulo',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'Etc/GMT+12',
  'Africa/Casablanca',
];
const timeZone = fc.constantFrom(...TIME_ZONES);

const date = (from: string, to: string) =>
  fc.date({ min: new Date(from), max: new Date(to), noInvalidDate: true });
/** An ISO-8601 instant with a zone, as `z.iso.datetime({ offset: true })` accepts. */
const zoneSuffix = fc.constantFrom('Z', '+00:00', '+05:30', '-08:00', '+14:00');
const formatInstant = (at: Date, zone: string) =>
  zone === 'Z' ? at.toISOString() : `${at.toISOString().slice(0, 19)}${zone}`;
const instantDate = date('2025-01-01T00:00:00Z', '2036-12-31T23:59:59Z');
const instant = fc.tuple(instantDate, zoneSuffix).map(([at, zone]) => formatInstant(at, zone));
/** startAt and/or endAt of a recurring schedule, in order (mutations take care of the disordered ones). */
const scheduleWindow = fc
  .tuple(instantDate, instantDate, zoneSuffix, zoneSuffix, fc.constantFrom('none', 'start', 'end', 'both'))
  .map(([a, b, startZone, endZone, which]) => {
    const [from, to] = a <= b ? [a, b] : [b, a];
    return {
      ...(which === 'start' || which === 'both' ? { startAt: formatInstant(from, startZone) } : {}),
      ...(which === 'end' || which === 'both' ? { endAt: formatInstant(to, endZone) } : {}),
    };
  });
const localDateTime = date('2025-06-01T00:00:00Z', '2040-12-31T23:59:59Z').map((at) =>
  at.toISOString().slice(0, 19),
);

const rateExpression = fc
  .oneof(
    fc.tuple(fc.integer({ min: 1, max: 366 }), fc.constantFrom('day', 'days')),
    fc.tuple(fc.integer({ min: 1, max: 8_784 }), fc.constantFrom('hour', 'hours')),
    fc.tuple(fc.integer({ min: 1, max: 527_040 }), fc.constantFrom('minute', 'minutes')),
  )
  .map(([value, unit]) => `rate(${value} ${unit})`);
const atExpression = localDateTime.map((wall) => `at(${wall})`);

const minutesField = fc.oneof(
  fc.constantFrom('*', '0', '*/15', '0/5', '5-40/5', '0,30', '59'),
  fc.integer({ min: 0, max: 59 }).map(String),
);
const hoursField = fc.oneof(
  fc.constantFrom('*', '0', '*/6', '9-17', '2', '1,13'),
  fc.integer({ min: 0, max: 23 }).map(String),
);
const monthField = fc.constantFrom('*', '1', 'JAN', '3-10', '*/3', 'FEB,MAR', '2', '12');
const awsCronExpression = fc
  .tuple(
    minutesField,
    hoursField,
    fc.oneof(
      fc
        .constantFrom('*', '1', '15', '29', '30', '31', 'L', 'LW', '15W', '1W', '1-7', '*/10')
        .map((day): [string, string] => [day, '?']),
      fc
        .constantFrom('*', 'MON-FRI', '2', 'SUN', 'SAT', '6L', '3#2', '1#5', 'L', '2,4,6')
        .map((day): [string, string] => ['?', day]),
    ),
    monthField,
    fc.constantFrom('*', '2027', '2026-2030', '2030/2', '2199'),
  )
  .map(
    ([minutes, hours, [dayOfMonth, dayOfWeek], month, year]) =>
      `cron(${minutes} ${hours} ${dayOfMonth} ${month} ${dayOfWeek} ${year})`,
  );
const unixCronExpression = fc
  .tuple(
    minutesField,
    hoursField,
    fc.oneof(
      fc.constantFrom<[string, string]>(['*', '*'], ['1', 'MON'], ['*/2', '1-5']),
      fc.constantFrom('1', '15', '1-10', '*/2', '31').map((day): [string, string] => [day, '*']),
      fc.constantFrom('1-5', '0', '7', 'MON', '0,6', 'SUN-SAT').map((day): [string, string] => ['*', day]),
    ),
    monthField,
  )
  .map(
    ([minutes, hours, [dayOfMonth, dayOfWeek], month]) =>
      `${minutes} ${hours} ${dayOfMonth} ${month} ${dayOfWeek}`,
  );

/** Expressions just off the grammar, or grammatical but never firing. */
const oddExpression = fc.oneof(
  fc.constantFrom(
    'rate(0 minutes)',
    'rate(367 days)',
    'rate(1 week)',
    'rate(-1 minutes)',
    'rate(1.5 hours)',
    'rate(9999999 minutes)',
    'RATE(1 MINUTE)',
    ' rate(1 minute) ',
    'rate(1 minute',
    'at()',
    'at(now)',
    'at(2026-02-30T00:00:00)',
    'at(2026-11-27T24:00:00)',
    'at(2026-11-27T10:00:00)',
    'at(2020-01-01T00:00:00)',
    'at(0099-01-01T00:00:00)',
    'at(9999-12-31T23:59:59)',
    'at(2027-03-28T02:30:00)',
    'cron(',
    'cron()',
    'cron(* * * * * *)',
    'cron(0 0 ? * 8 *)',
    'cron(0 0 31 2 ? *)',
    'cron(0 0 ? * 3#6 *)',
    'cron(60 0 * * ? *)',
    'cron(0 0 * * ? 1969)',
    'cron(*/0 * * * ? *)',
    'cron(5-1 * * * ? *)',
    '* * * * * *',
    '* * * *',
    '1 2 3 4 5',
    '*/99 * * * *',
    'a b c d e',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

const scheduleOf = (expression: fc.Arbitrary<string>) =>
  fc.record({ expression, timezone: timeZone }, { requiredKeys: ['expression'] });
const schedule = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .tuple(
        scheduleOf(
          fc.oneof(
            { weight: 4, arbitrary: rateExpression },
            { weight: 3, arbitrary: awsCronExpression },
            { weight: 2, arbitrary: unixCronExpression },
          ),
        ),
        scheduleWindow,
      )
      .map(([recurring, window]) => ({ ...recurring, ...window })),
  },
  { weight: 3, arbitrary: scheduleOf(atExpression) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(scheduleOf(oddExpression), scheduleWindow)
      .map(([odd, window]) => ({ ...odd, ...window })),
  },
);

const headerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/);
const httpTarget = fc.record(
  {
    type: fc.constant('http'),
    url: fc.oneof(
      {
        weight: 4,
        arbitrary: fc.webUrl({ validSchemes: ['https'], withQueryParameters: true, withFragments: true }),
      },
      fc.webUrl({
        validSchemes: ['http', 'https', 'ftp'],
        authoritySettings: { withUserInfo: true, withPort: true },
      }),
      fc.constantFrom(
        'https://hooks.example.com/retry',
        'http://127.0.0.1:8080/hook',
        'http://127.0.0.1:8080/hook',
        'http://example.com/plain-http',
        'https://user:secret@example.com/',
        'https://[::1]/hook',
        'https://例え.jp/パス',
        'https://example.com/%zz',
        'javascript:alert(1)',
        '//example.com/relative',
      ),
    ),
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
    headers: fc.dictionary(headerName, fc.string({ maxLength: 64 }), { maxKeys: 4 }),
    timeoutSeconds: fc.integer({ min: 1, max: 60 }),
  },
  { requiredKeys: ['type', 'url'] },
);
const region = fc.constantFrom('eu-west-1', 'us-east-1', 'ap-southeast-2');
const account = fc.oneof({ weight: 3, arbitrary: fc.constant('123456789012') }, fc.constant('210987654321'));
const resourceName = fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/);
const sqsTarget = fc
  .record({
    region,
    account,
    name: resourceName,
    fifo: fc.boolean(),
    group: fc.string({ minLength: 1, maxLength: 20 }),
  })
  .map(({ region, account, name, fifo, group }) => ({
    type: 'sqs',
    queueArn: `arn:aws:sqs:${region}:${account}:${name}${fifo ? '.fifo' : ''}`,
    ...(fifo ? { messageGroupId: group } : {}),
  }));
const eventBridgeTarget = fc
  .record({
    region,
    account,
    bus: resourceName,
    source: fc.string({ minLength: 1, maxLength: 30 }),
    detail: jobName,
  })
  .map(({ region, account, bus, source, detail }) => ({
    type: 'eventbridge',
    eventBusArn: `arn:aws:events:${region}:${account}:event-bus/${bus}`,
    source,
    detailType: detail,
  }));
const lambdaTarget = fc
  .record({
    region,
    account,
    name: resourceName,
    alias: fc.option(resourceName, { nil: undefined }),
    invocationType: fc.constantFrom('Event', 'RequestResponse'),
  })
  .map(({ region, account, name, alias, invocationType }) => ({
    type: 'lambda',
    functionArn: `arn:aws:lambda:${region}:${account}:function:${name}${alias ? `:${alias}` : ''}`,
    invocationType,
  }));

/** A body JobSpecSchema accepts (give or take semantic checks: the schedule's window, the target policy). */
const jobSpec = fc.record(
  {
    name: jobName,
    description: fc.string({ maxLength: 200 }),
    schedule,
    target: fc.oneof(
      { weight: 4, arbitrary: httpTarget },
      { weight: 2, arbitrary: sqsTarget },
      eventBridgeTarget,
      lambdaTarget,
    ),
    payload: fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme' }),
  },
  { requiredKeys: ['name', 'schedule', 'target'] },
);

/** A body PreviewRequestSchema accepts. */
const previewSpec = fc.record(
  { schedule, count: fc.integer({ min: 1, max: 50 }), after: instant },
  { requiredKeys: ['schedule'] },
);

/** A body the pause route accepts. */
const pauseSpec = fc.record({ reason: fc.string({ minLength: 1, maxLength: 256 }) }, { requiredKeys: [] });

// ---------------------------------------------------------------------------------------------------------
// Mutations of schema-valid bodies
// ---------------------------------------------------------------------------------------------------------

/** Where a mutation applies: a field the schema names ('' is the whole body), or any node of the body. */
type Where = { readonly field: string } | { readonly anyNode: number };
type Mutation =
  | { readonly kind: 'drop'; readonly where: Where }
  | { readonly kind: 'add'; readonly where: Where; readonly key: string; readonly value: unknown }
  | { readonly kind: 'replace'; readonly where: Where; readonly value: unknown }
  | { readonly kind: 'as-array'; readonly where: Where; readonly values: boolean }
  | { readonly kind: 'as-string'; readonly where: Where };

const hugeString = fc
  .tuple(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }),
    fc.integer({ min: 1_000, max: 150_000 }),
  )
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)));
const unicodeString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    '\ud800',
    '\udfff',
    '\u202e',
    '\ufeff',
    'e\u0301',
    '👩‍👩‍👧',
    '\u2028\u2029',
    '\\',
    '"',
  ),
);
/** Numbers JSON cannot carry, or carries in a way that parses to something surprising. */
const nanIshNumber = fc
  .constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '1e309',
    '-1e309',
    '1e-400',
    '-0',
    '9007199254740993',
    '0x10',
    '010',
    '.5',
    '1.',
    '+1',
    '1e400',
    '"NaN"',
    '"1e3"',
    '"10"',
  )
  .map((text) => new RawJson(text));
/** Nesting too deep to build as a value here: JSON text of arrays, objects or both, `depth` levels down. */
const deepJson = fc
  .record({
    depth: fc.oneof(fc.integer({ min: 1, max: 25_000 }), fc.constantFrom(1_000, 5_000, 10_000, 20_000)),
    shape: fc.constantFrom('array', 'object', 'mixed'),
  })
  .map(({ depth, shape }) => {
    const [open, close] =
      shape === 'array' ? ['[', ']'] : shape === 'object' ? ['{"a":', '}'] : ['[{"a":', '}]'];
    return new RawJson(`${open.repeat(depth)}0${close.repeat(depth)}`);
  });
const invalidInstant = fc.oneof(
  fc.constantFrom(
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-27T24:00:00Z',
    '2026-11-27T10:00:60Z',
    '0000-00-00T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '2026-11-27T10:00:00+25:00',
    '2026-11-27T10:00:00',
    '2026-11-27',
    '9999-12-31T23:59:59Z',
    '1970-01-01T00:00:00Z',
    'yesterday',
    '',
  ),
  date('1900-01-01T00:00:00Z', '2100-01-01T00:00:00Z').map((at) => at.getTime()),
);
const oddTimeZone = fc.oneof(
  fc.constantFrom(
    '',
    'utc',
    'Mars/Olympus_Mons',
    'Europe/Berlin ',
    '+01:00',
    'GMT+1',
    'EST5EDT',
    'Etc/GMT-14',
    'x'.repeat(64),
  ),
  fc.string({ maxLength: 30 }),
);
const oddUrl = fc.oneof(
  fc.constantFrom(
    '',
    'example.com',
    'http://',
    'https://',
    'https://ex ample.com',
    'http://127.0.0.1.nip.io/',
    'file:///etc/passwd',
  ),
  fc.string({ maxLength: 60 }).map((path) => `https://example.com/${path}`),
);
const pollutionValue = fc.constantFrom(
  { polluted: 'yes' },
  { prototype: { polluted: 'yes' } },
  'polluted',
  null,
);
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    2 ** 53,
    -(2 ** 31),
    '',
    ' ',
    'null',
    '{}',
    '[object Object]',
  ),
  fc.constantFrom([], {}, [null], [[]], { '': '' }),
  unicodeString,
  nanIshNumber,
  fc.jsonValue({ maxDepth: 2 }),
  fc.anything({
    maxDepth: 2,
    maxKeys: 4,
    withNullPrototype: true,
    withDate: true,
    withMap: true,
    withSet: true,
  }),
);
const oddKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'then'),
  fc.constantFrom('extra', 'id', 'status', 'revision', 'tenant', 'jobId', 'Name', 'name ', ''),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);

const JOB_FIELDS = [
  '',
  'name',
  'description',
  'schedule',
  'schedule.expression',
  'schedule.timezone',
  'schedule.startAt',
  'schedule.endAt',
  'target',
  'target.type',
  'target.url',
  'target.method',
  'target.headers',
  'target.timeoutSeconds',
  'target.queueArn',
  'target.messageGroupId',
  'target.eventBusArn',
  'target.source',
  'target.detailType',
  'target.functionArn',
  'target.invocationType',
  'payload',
];
const JOB_OBJECTS = ['', 'schedule', 'target', 'target.headers', 'payload'];
const PREVIEW_FIELDS = [
  '',
  'schedule',
  'schedule.expression',
  'schedule.timezone',
  'schedule.startAt',
  'schedule.endAt',
  'count',
  'after',
];
const PREVIEW_OBJECTS = ['', 'schedule'];

/** Values aimed at what particular fields mean, each with the fields it is aimed at. */
const AIMED: ReadonlyArray<readonly [readonly string[], fc.Arbitrary<unknown>, number]> = [
  [['payload', 'after'], deepJson, 2],
  [['schedule.startAt', 'schedule.endAt', 'after'], invalidInstant, 1],
  [['schedule.expression'], oddExpression, 1],
  [['schedule.timezone'], oddTimeZone, 1],
  [['target.url'], oddUrl, 1],
  [['name', 'description', 'target.source', 'reason'], unicodeString, 1],
  [['count', 'target.timeoutSeconds'], nanIshNumber, 1],
];

function mutation(fields: readonly string[], objects: readonly string[]): fc.Arbitrary<Mutation> {
  const field = fc.constantFrom(...fields).map((name): Where => ({ field: name }));
  const anywhere = fc.oneof(
    field,
    fc.nat().map((index): Where => ({ anyNode: index })),
  );
  const object = fc.constantFrom(...objects).map((name): Where => ({ field: name }));
  const replaceAt = (names: readonly string[], value: fc.Arbitrary<unknown>) =>
    fc.record({
      kind: fc.constant('replace' as const),
      where: fc.constantFrom(...names).map((name): Where => ({ field: name })),
      value,
    });
  const aimed = AIMED.map(
    ([names, value, weight]) => [names.filter((name) => fields.includes(name)), value, weight] as const,
  )
    .filter(([names]) => names.length > 0)
    .map(([names, value, weight]) => ({ weight, arbitrary: replaceAt(names, value) }));
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('drop' as const), where: anywhere }) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('add' as const),
        where: object,
        key: oddKey,
        value: fc.oneof(oddValue, pollutionValue),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({ kind: fc.constant('replace' as const), where: anywhere, value: oddValue }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('as-array' as const), where: anywhere, values: fc.boolean() }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('as-string' as const), where: anywhere }) },
    { weight: 1, arbitrary: replaceAt(fields, hugeString) },
    { weight: 1, arbitrary: replaceAt(fields, deepJson) },
    ...aimed,
  );
}

type Node = Record<string, unknown> | unknown[];
const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !(value instanceof RawJson);

/** The path (from the holder, so the first key is `body`) that `where` names, if it can be followed. */
function pathOf(holder: { body: unknown }, where: Where): string[] {
  if ('field' in where) return ['body', ...(where.field === '' ? [] : where.field.split('.'))];
  const paths: string[][] = [];
  const visit = (value: unknown, path: string[]) => {
    paths.push(path);
    if (isNode(value))
      for (const key of Object.keys(value)) visit((value as Record<string, unknown>)[key], [...path, key]);
  };
  visit(holder.body, ['body']);
  return paths[where.anyNode % paths.length] ?? ['body'];
}

function nodeAt(holder: { body: unknown }, path: readonly string[]): Node | undefined {
  let node: unknown = holder;
  for (const key of path) {
    if (!isNode(node) || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return isNode(node) ? node : undefined;
}

function applyMutation(holder: { body: unknown }, change: Mutation): void {
  const path = pathOf(holder, change.where);
  if (change.kind === 'add') {
    const target = nodeAt(holder, path);
    if (target && !Array.isArray(target)) define(target, change.key, copy(change.value));
    return;
  }
  const parent = nodeAt(holder, path.slice(0, -1));
  const key = path.at(-1);
  if (!parent || key === undefined) return;
  const current = (parent as Record<string, unknown>)[key];
  switch (change.kind) {
    case 'drop':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      return;
    case 'replace':
      define(parent, key, copy(change.value));
      return;
    case 'as-array':
      define(parent, key, change.values && isNode(current) ? Object.values(current) : [current]);
      return;
    case 'as-string':
      define(parent, key, toJsonText(current) ?? '');
      return;
  }
}

/** Schema-valid bodies from `valid`, serialised after 0 (2 in 5) to 3 mutations; undefined when none is left. */
function mutatedBody(
  valid: fc.Arbitrary<unknown>,
  fields: readonly string[],
  objects: readonly string[],
): fc.Arbitrary<string | undefined> {
  const mutations = fc.oneof(
    { weight: 2, arbitrary: fc.constant<Mutation[]>([]) },
    { weight: 3, arbitrary: fc.array(mutation(fields, objects), { minLength: 1, maxLength: 3 }) },
  );
  return fc.tuple(valid, mutations).map(([spec, changes]) => {
    const holder = { body: copy(spec) };
    for (const change of changes) applyMutation(holder, change);
    return toJsonText(holder.body);
  });
}

const jobBody = mutatedBody(jobSpec, JOB_FIELDS, JOB_OBJECTS);
const previewBody = mutatedBody(previewSpec, PREVIEW_FIELDS, PREVIEW_OBJECTS);

// ---------------------------------------------------------------------------------------------------------
// Raw bodies, headers, identities, ids and query strings
// ---------------------------------------------------------------------------------------------------------

const validJobText = jobSpec.map((spec) => JSON.stringify(spec));
const MAX_REQUEST_BYTES = 128 * 1024;
const rawBody: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc
    .anything({
      maxDepth: 3,
      maxKeys: 5,
      withNullPrototype: true,
      withDate: true,
      withMap: true,
      withTypedArray: true,
    })
    .map((value): string | undefined => JSON.stringify(value)),
  // Malformed JSON: a valid body cut anywhere.
  fc.tuple(validJobText, fc.nat()).map(([text, cut]) => text.slice(0, cut % text.length)),
  fc.string({ unit: 'binary', maxLength: 200 }),
  // Around and over the 128 KiB limit, counted in bytes (é is two).
  fc
    .tuple(
      validJobText,
      fc.integer({ min: MAX_REQUEST_BYTES - 64, max: 2 * MAX_REQUEST_BYTES }),
      fc.constantFrom('x', 'é', ' '),
    )
    .map(([text, size, pad]) => {
      const padding = pad.repeat(
        Math.max(0, Math.ceil((size - Buffer.byteLength(text) - 16) / Buffer.byteLength(pad))),
      );
      return pad === ' ' ? `${text}${padding}` : `${text.slice(0, -1)},"pad":"${padding}"}`;
    }),
  fc.constantFrom(
    undefined,
    '',
    ' ',
    '\n\t',
    'null',
    'true',
    '0',
    '""',
    '[]',
    '{}',
    '[{}]',
    '{"__proto__":{"polluted":"yes"}}',
    '{"constructor":{"prototype":{"polluted":"yes"}}}',
    '{"payload":{"__proto__":{"polluted":"yes"}}}',
    '\ufeff{}',
    '{"a":1}{"b":2}',
    '[1,]',
    "{'name':'x'}",
    '{"name":"x",}',
    '\u0000',
    'é'.repeat(MAX_REQUEST_BYTES / 2),
    'é'.repeat(MAX_REQUEST_BYTES / 2 + 1),
  ),
);

/** `undefined`: the default `application/json`; `null`: no Content-Type header at all. */
const contentType: fc.Arbitrary<string | null | undefined> = fc.oneof(
  { weight: 20, arbitrary: fc.constant(undefined) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      null,
      'application/json; charset=utf-8',
      'Application/JSON',
      'application/problem+json',
      'application/vnd.api+json',
      'application/json-seq',
      'text/plain',
      'text/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonp',
      'application/xml',
      '*/*',
      '',
      ' ',
      'json',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);
const principal: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 15, arbitrary: fc.constant(ALICE) },
  { weight: 1, arbitrary: fc.constantFrom(MALLORY, null, '') },
);
const ifMatch = fc.option(
  fc.oneof(
    fc.constantFrom(
      '"1"',
      '"2"',
      'W/"1"',
      '1',
      '2',
      '*',
      '',
      ' ',
      '"abc"',
      '"99999999999999"',
      'W/',
      '"1", "2"',
      '"-1"',
    ),
    fc.string({ maxLength: 20 }),
  ),
  { nil: undefined },
);
const idempotencyKey = fc.option(
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('k1', 'k2') },
    { weight: 2, arbitrary: fc.stringMatching(/^[\x21-\x7e]{1,40}$/) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('', ' ', 'a b', 'x'.repeat(255), 'x'.repeat(256), 'ключ', 'tab\tkey'),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  ),
  { nil: undefined },
);

interface Envelope {
  readonly principal: string | null;
  readonly contentType: string | null | undefined;
  /** `base64-garbage` flags the body as base64 without encoding it. */
  readonly encoding: 'plain' | 'base64' | 'base64-garbage';
  readonly ifMatch: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly canonicalHeaderNames: boolean;
}
const envelope: fc.Arbitrary<Envelope> = fc.record({
  principal,
  contentType,
  encoding: fc.oneof(
    { weight: 8, arbitrary: fc.constant('plain' as const) },
    { weight: 1, arbitrary: fc.constantFrom('base64' as const, 'base64-garbage' as const) },
  ),
  ifMatch,
  idempotencyKey,
  canonicalHeaderNames: fc.boolean(),
});

/** A job id: one of the run's seeded jobs, or a literal (well-formed or not). */
type IdRef = { readonly seed: number } | { readonly literal: string };
const literalId = fc.oneof(
  fc.ulid(),
  fc.constantFrom(
    '',
    ' ',
    '../../etc/passwd',
    '01jbbbbbbbbbbbbbbbbbbbbbbb',
    '01JBBBBBBBBBBBBBBBBBBBBBBBB',
    '01JBBBBBBBBBBBBBBBBBBBBBBI',
    '%2e%2e',
    '__proto__',
    'constructor',
    'null',
  ),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);
const idRef: fc.Arbitrary<IdRef> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(0, 1, 2).map((seed) => ({ seed })) },
  { weight: 3, arbitrary: literalId.map((literal) => ({ literal })) },
);
type RunRef = { readonly seedRun: number } | { readonly literal: string };
const runRef: fc.Arbitrary<RunRef> = fc.oneof(
  fc.constantFrom(0, 1).map((seedRun) => ({ seedRun })),
  fc
    .constantFrom('%', '%E0%A4%A', '%zz', 'x%', '%25', '', '2026-11-27T10:00:00.000Z', 'a'.repeat(200))
    .map((literal) => ({
      literal,
    })),
  fc.string({ maxLength: 40 }).map((literal) => ({ literal })),
);

const queryValue = fc.oneof(
  fc.constantFrom(
    '1',
    '20',
    '100',
    '0',
    '101',
    '-1',
    '1.5',
    'abc',
    '',
    '1e2',
    ' 5',
    'Infinity',
    'NaN',
    '0x10',
    '1,2',
  ),
  fc.constantFrom(
    'ACTIVE',
    'PAUSED',
    'COMPLETED',
    'active',
    '0',
    '99999',
    'eyJvZmZzZXQiOjF9',
    'x'.repeat(3000),
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
);
const queryOf = (names: readonly string[]) =>
  fc.option(
    fc
      .array(
        fc.tuple(
          fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom(...names) },
            { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'sort', 'offset', '') },
            { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
          ),
          queryValue,
        ),
        { maxLength: 4 },
      )
      .map((pairs) => {
        const query: Record<string, string> = {};
        for (const [name, value] of pairs) define(query, name, value);
        return query;
      }),
    { nil: undefined },
  );

/** The API Gateway event for a request; `ids` are the run's seeded job ids and run ids. */
function eventFor(
  routeKey: string,
  request: {
    envelope: Envelope;
    body?: string | undefined;
    id?: IdRef;
    runId?: RunRef;
    query?: Record<string, string>;
  },
  seeds: { jobIds: readonly string[]; runIds: readonly string[] } = { jobIds: [], runIds: [] },
): ApiEvent {
  const { envelope: e } = request;
  const name = (lower: string, canonical: string) => (e.canonicalHeaderNames ? canonical : lower);
  const headers: Record<string, string> = {};
  let type = e.contentType;
  if (typeof type === 'string' && e.canonicalHeaderNames) {
    headers['Content-Type'] = type;
    type = null;
  }
  if (e.ifMatch !== undefined) headers[name('if-match', 'If-Match')] = e.ifMatch;
  if (e.idempotencyKey !== undefined) headers[name('idempotency-key', 'Idempotency-Key')] = e.idempotencyKey;
  const body =
    request.body === undefined || e.encoding !== 'base64'
      ? request.body
      : Buffer.from(request.body).toString('base64');
  const id =
    request.id && ('seed' in request.id ? (seeds.jobIds[request.id.seed] ?? '') : request.id.literal);
  const runId =
    request.runId &&
    ('seedRun' in request.runId ? (seeds.runIds[request.runId.seedRun] ?? '') : request.runId.literal);
  return apiEvent(routeKey, {
    ...(body === undefined ? {} : { body }),
    ...(id === undefined ? {} : { id }),
    ...(runId === undefined ? {} : { runId }),
    ...(request.query === undefined ? {} : { query: request.query }),
    principal: e.principal,
    headers,
    contentType: type,
    isBase64Encoded: e.encoding !== 'plain',
  });
}

// ---------------------------------------------------------------------------------------------------------
// Seeded state for the per-route property: two jobs of Alice (one with runs, one COMPLETED), one of Mallory
// ---------------------------------------------------------------------------------------------------------

const SEED_JOBS = [
  {
    principal: ALICE,
    body: {
      name: 'hourly report',
      schedule: { expression: 'rate(1 hour)' },
      target: { type: 'http', url: 'https://hooks.example.com/report', headers: { 'x-team': 'mail' } },
      payload: { batch: 100 },
    },
  },
  {
    principal: ALICE,
    body: {
      name: 'queue tick',
      schedule: {
        expression: 'cron(0 9 ? * MON-FRI *)',
        timezone: 'Europe/Berlin',
        startAt: '2027-01-01T00:00:00Z',
      },
      target: { type: 'sqs', queueArn: 'arn:aws:sqs:eu-west-1:123456789012:ticks' },
    },
  },
  {
    principal: MALLORY,
    body: {
      name: 'someone else',
      schedule: { expression: 'at(2027-06-01T12:00:00)', timezone: 'America/New_York' },
      target: { type: 'http', url: 'http://127.0.0.1:8080/hook' },
    },
  },
];
const SEED_RUN_IDS = ['2026-11-27T09:00:00.000Z', '2026-11-27T08:00:00.000Z'];

async function seed(api: Api): Promise<{ jobIds: string[]; runIds: string[] }> {
  const jobIds: string[] = [];
  for (const job of SEED_JOBS) {
    const answer = await exchange(
      api,
      apiEvent('POST /api/jobs', { body: JSON.stringify(job.body), principal: job.principal }),
      'setup',
    );
    expect(answer.status, `seeding ${job.body.name}`).toBe(201);
    jobIds.push((answer.body as { id: string }).id);
  }
  const [withRuns = '', completed = ''] = jobIds;
  for (const runId of SEED_RUN_IDS) {
    await api.runs.acquire({
      jobId: withRuns,
      runId,
      scheduledTime: runId,
      trigger: 'schedule',
      leaseMs: 60_000,
      nowMs: NOW,
    });
  }
  await api.jobs.recordRunResult(completed, {
    revision: 1,
    lastRunAt: SEED_RUN_IDS[0] ?? '',
    lastRunStatus: 'SUCCEEDED',
    completed: true,
  });
  return { jobIds, runIds: SEED_RUN_IDS };
}

// ---------------------------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------------------------

const postRequest = fc.record({
  body: fc.oneof({ weight: 5, arbitrary: jobBody }, { weight: 1, arbitrary: rawBody }),
  envelope,
});
/** A new request, or a resend of an earlier one of the same run (an Idempotency-Key replay, most often). */
const postStep = fc.oneof(
  { weight: 4, arbitrary: postRequest },
  { weight: 1, arbitrary: fc.record({ resend: fc.nat() }) },
);

const pauseBody: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constantFrom(undefined, '', ' '),
  mutatedBody(pauseSpec, ['', 'reason'], ['']),
  rawBody,
);
const routeRequest = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ routeKey: fc.constant('PUT /api/jobs/{id}'), id: idRef, body: jobBody, envelope }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      routeKey: fc.constant('POST /api/jobs/{id}/pause'),
      id: idRef,
      body: pauseBody,
      envelope,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      routeKey: fc.constantFrom(
        'POST /api/jobs/{id}/resume',
        'DELETE /api/jobs/{id}',
        'GET /api/jobs/{id}',
        'POST /api/jobs/{id}/execute',
      ),
      id: idRef,
      envelope,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      routeKey: fc.constant('POST /api/schedules/preview'),
      body: previewBody,
      envelope,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      routeKey: fc.constant('GET /api/jobs'),
      query: queryOf(['limit', 'cursor', 'status', 'namePrefix']),
      envelope,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      routeKey: fc.constant('GET /api/jobs/{id}/runs'),
      id: idRef,
      query: queryOf(['limit', 'cursor']),
      envelope,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      routeKey: fc.constant('GET /api/jobs/{id}/runs/{runId}'),
      id: idRef,
      runId: runRef,
      envelope,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      routeKey: fc.constantFrom(
        'GET /api/openapi.json',
        'GET /api/health',
        'PATCH /api/jobs/{id}',
        'GET /api/nothing',
        '',
      ),
      envelope,
    }),
  },
);

const rawRequest = fc.record({
  routeKey: fc.constantFrom(
    'POST /api/jobs',
    'PUT /api/jobs/{id}',
    'POST /api/jobs/{id}/pause',
    'POST /api/schedules/preview',
  ),
  id: literalId.map((literal): IdRef => ({ literal })),
  body: rawBody,
  envelope,
});

describe('the jobs API handler, fuzzed with requests derived from its schemas', () => {
  it('answers mutated, raw and replayed job bodies on POST /api/jobs with a created job or a problem document, never a 5xx, and never leaves a job without its schedule', {
    timeout: PROPERTY_TIMEOUT_MS,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(
        postRequest,
        fc.array(postStep, { minLength: 1, maxLength: 3 }),
        async (first, rest) => {
          const api = newApi();
          const sent: ApiEvent[] = [];
          for (const step of [first, ...rest]) {
            const event =
              'resend' in step ? sent[step.resend % sent.length] : eventFor('POST /api/jobs', step);
            if (!event) continue;
            sent.push(event);
            const answer = await exchange(api, event);
            expectJobAnswer(answer);
            expectNothingHalfWritten(api, answer.request, { keysNameJobs: true });
          }
        },
      ),
      { numRuns: POST_RUNS },
    );
  });

  it('answers fuzzed PUT, pause, resume, delete, execute, preview, list and runs requests with JSON or a problem document, never a 5xx', {
    timeout: PROPERTY_TIMEOUT_MS,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(routeRequest, { minLength: 3, maxLength: 5 }), async (requests) => {
        const api = newApi();
        const seeds = await seed(api);
        for (const request of requests) {
          const answer = await exchange(api, eventFor(request.routeKey, request, seeds));
          expectNothingHalfWritten(api, answer.request, { keysNameJobs: false });
        }
      }),
      { numRuns: ROUTE_RUNS },
    );
  });

  it('answers raw, truncated, oversized, base64 and wrongly typed bodies on every body route with a problem document, never a 5xx', {
    timeout: PROPERTY_TIMEOUT_MS,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(rawRequest, async (request) => {
        const api = newApi();
        const answer = await exchange(api, eventFor(request.routeKey, request));
        if (request.routeKey === 'POST /api/jobs') expectJobAnswer(answer);
        expectNothingHalfWritten(api, answer.request, { keysNameJobs: true });
      }),
      { numRuns: RAW_RUNS },
    );
  });
});
