import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  CreateScheduleGroupCommand,
  DeleteScheduleGroupCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import {
  DynamoDBDocumentClient,
  GetCommand,
  type GetCommandInput,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ulid } from 'ulid';
import { DynamoDbJobStore } from '../../lambdas/adapters/dynamodb-job-store.js';
import { DynamoDbRunStore } from '../../lambdas/adapters/dynamodb-run-store.js';
import { EventBridgeScheduleRegistry } from '../../lambdas/adapters/eventbridge-schedule-registry.js';
import { createApiRouter } from '../../lambdas/http/api-router.js';
import { problemDetails } from '../../lambdas/http/problem-middleware.js';
import type { ApiEvent } from '../../lambdas/http/request.js';
import { noMetrics, noRateLimits, systemClock } from '../../lambdas/use-cases/ports.js';
import { apiEvent } from '../support/api-events.js';
import { InMemoryDeadFireStore, InMemoryDispatchQueue } from '../support/in-memory-ports.js';
import { InMemorySigningGenerations, TEST_MASTER_KEY } from '../support/in-memory-signing.js';
import { createJobTable, deleteTable, localAws } from '../support/local-aws.js';
import { percentile, row, TABLE_HEADER } from './stats.js';

/**
 * The API handler in-process against the local AWS (create, get, list), at concurrency 1 and 16, against
 * the raw AWS calls each route makes (TransactWriteItems + CreateSchedule, GetItem, Query), replayed with the
 * very inputs the handler sent (captured once from its clients, a fresh job id swapped in), so both sides
 * move the same items.
 */
const REQUESTS = Number(process.env.BENCH_API_REQUESTS ?? 200);
const body = JSON.stringify({
  name: 'bench',
  schedule: { expression: 'rate(1 day)' },
  target: { type: 'http', url: 'https://example.com/hook' },
});

async function timed(count: number, concurrency: number, call: (n: number) => Promise<unknown>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const n = next++;
        const t = performance.now();
        await call(n);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

const ROUNDS = 5;

/**
 * Both sides warmed first (JIT, connections), then in alternating rounds, so that warm-up, drift and the
 * noise of a shared machine fall on both alike.
 */
async function compare(count: number, concurrency: number, ...sides: Array<(n: number) => Promise<unknown>>) {
  for (const call of sides) await timed(Math.min(20, count), concurrency, call);
  const totals = sides.map(() => ({ latencies: [] as number[], seconds: 0 }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, call] of sides.entries()) {
      const { latencies, seconds } = await timed(Math.ceil(count / ROUNDS), concurrency, call);
      totals[i]?.latencies.push(...latencies);
      if (totals[i]) totals[i].seconds += seconds;
    }
  }
  return totals.map(({ latencies, seconds }) => ({
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  }));
}

export async function apiFigures(): Promise<string[]> {
  const tableName = await createJobTable('bench-api');
  const groupName = `bench-api-${Date.now()}`;
  const scheduler = new SchedulerClient(localAws);
  await scheduler.send(new CreateScheduleGroupCommand({ Name: groupName }));
  const dynamodb = new DynamoDBClient(localAws);
  // The first input of each command the handler sends (DynamoDB's as document-client input, replayed through
  // the document client like the stores send it).
  const sent = new Map<string, unknown>();
  const stacks = [
    dynamodb.middlewareStack,
    scheduler.middlewareStack as unknown as typeof dynamodb.middlewareStack,
  ];
  for (const stack of stacks) {
    stack.add(
      (next, context) => async (args) => {
        if (context.commandName && !sent.has(context.commandName))
          sent.set(context.commandName, structuredClone(args.input));
        return next(args);
      },
      { step: 'serialize', priority: 'high', name: 'benchCapture' },
    );
  }
  /** A captured input with the job id of the handler's call swapped for a fresh one. */
  const replayed = <T>(command: string, fromId: string, toId: string): T => {
    const input = sent.get(command);
    if (!input) throw new Error(`the handler sent no ${command}`);
    return JSON.parse(JSON.stringify(input).replaceAll(fromId, toId)) as T;
  };
  const documents = DynamoDBDocumentClient.from(dynamodb, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const registry = new EventBridgeScheduleRegistry(scheduler, {
    groupName,
    dispatchQueueArn: 'arn:aws:sqs:us-east-1:000000000000:bench',
    schedulerRoleArn: 'arn:aws:iam::000000000000:role/bench',
  });
  const router = createApiRouter({
    jobs: new DynamoDbJobStore(documents, tableName),
    runs: new DynamoDbRunStore(documents, tableName, 1),
    schedules: registry,
    dispatch: new InMemoryDispatchQueue(),
    deadFires: new InMemoryDeadFireStore(),
    health: { check: async () => ({}) },
    clock: systemClock,
    signingGenerations: new InMemorySigningGenerations(),
    signingMasterKey: async () => TEST_MASTER_KEY,
    newJobId: () => ulid(),
    targetPolicy: { insecureHostsAllowed: [], arnAllowlist: [], serviceResourcePrefix: 'Scheduler-' },
    jobQuota: 1_000_000,
    rateLimiter: noRateLimits,
    metrics: noMetrics,
    version: 'bench',
  });
  const handler = middy<ApiEvent, APIGatewayProxyStructuredResultV2>().use(problemDetails()).handler(router);
  const context = { awsRequestId: 'bench' } as Context;
  const ids: string[] = [];
  const create = async () => {
    const response = await handler(apiEvent('POST /api/jobs', { body }), context);
    if (response.statusCode !== 201)
      throw new Error(`create answered ${response.statusCode}: ${response.body}`);
    ids.push(JSON.parse(response.body ?? '{}').id);
  };
  const get = (n: number) =>
    handler(apiEvent('GET /api/jobs/{id}', { id: ids[n % ids.length] ?? '' }), context);
  const list = () =>
    handler({ ...apiEvent('GET /api/jobs'), queryStringParameters: { limit: '20' } }, context);

  const rawCreate = async () => {
    const [firstId = ''] = ids;
    const id = ulid();
    await documents.send(
      new TransactWriteCommand(replayed<TransactWriteCommandInput>('TransactWriteItemsCommand', firstId, id)),
    );
    await scheduler.send(
      new CreateScheduleCommand(replayed<CreateScheduleCommandInput>('CreateScheduleCommand', firstId, id)),
    );
  };
  const rawGet = (n: number) =>
    documents.send(
      new GetCommand(replayed<GetCommandInput>('GetItemCommand', ids[0] ?? '', ids[n % ids.length] ?? '')),
    );
  const rawList = () => documents.send(new QueryCommand(replayed<QueryCommandInput>('QueryCommand', '', '')));

  const lines = [...TABLE_HEADER];
  try {
    for (const concurrency of [1, 16]) {
      const count = concurrency === 1 ? REQUESTS : REQUESTS * 2;
      for (const [name, call, raw] of [
        ['create', create, rawCreate],
        ['get', get, rawGet],
        ['list', list, rawList],
      ] as const) {
        const [measured, baseline] = await compare(count, concurrency, call, raw);
        if (!measured || !baseline) throw new Error('compare answers one figure per side');
        lines.push(
          row(`${name} p50, concurrency ${concurrency}`, measured.p50, baseline.p50, 'ms', '≤ 1.5×'),
        );
        lines.push(row(`${name} p99, concurrency ${concurrency}`, measured.p99, baseline.p99, 'ms'));
        lines.push(
          row(
            `${name} throughput, concurrency ${concurrency}`,
            measured.perSecond,
            baseline.perSecond,
            'req/s',
          ),
        );
      }
    }
  } finally {
    await deleteTable(tableName);
    await scheduler.send(new DeleteScheduleGroupCommand({ Name: groupName }));
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log((await apiFigures()).join('\n'));
}
