import {
  DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleGroupCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ulid } from 'ulid';
import { DynamoDbJobStore } from '../../lambdas/adapters/dynamodb-job-store.js';
import { DynamoDbRunStore } from '../../lambdas/adapters/dynamodb-run-store.js';
import { EventBridgeScheduleRegistry } from '../../lambdas/adapters/eventbridge-schedule-registry.js';
import { createApiRouter } from '../../lambdas/http/api-router.js';
import { problemDetails } from '../../lambdas/http/problem-middleware.js';
import type { ApiEvent } from '../../lambdas/http/request.js';
import { noMetrics, systemClock } from '../../lambdas/use-cases/ports.js';
import { apiEvent } from '../support/api-events.js';
import { InMemoryDeadLetters, InMemoryDispatchQueue } from '../support/in-memory-ports.js';
import { createJobTable, deleteTable, localAws } from '../support/local-aws.js';
import { percentile, row, TABLE_HEADER } from './stats.js';

/**
 * The API handler in-process against the local AWS (create, get, list), at concurrency 1 and 16, against
 * the raw AWS calls each route makes (TransactWriteItems + CreateSchedule, GetItem, Query).
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
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: count / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

export async function apiFigures(): Promise<string[]> {
  const tableName = await createJobTable('bench-api');
  const groupName = `bench-api-${Date.now()}`;
  const scheduler = new SchedulerClient(localAws);
  await scheduler.send(new CreateScheduleGroupCommand({ Name: groupName }));
  const dynamodb = new DynamoDBClient(localAws);
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
    deadLetters: new InMemoryDeadLetters(systemClock),
    health: { check: async () => ({}) },
    clock: systemClock,
    newJobId: () => ulid(),
    targetPolicy: { insecureHostsAllowed: [], arnAllowlist: [] },
    jobQuota: 1_000_000,
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

  const tenant = 'arn:aws:iam::111122223333:user/alice';
  const rawCreate = async () => {
    const id = ulid();
    const now = new Date().toISOString();
    await dynamodb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: {
                PK: { S: `JOB#${id}` },
                SK: { S: 'META' },
                GSI1PK: { S: `TENANT#raw` },
                GSI1SK: { S: `${now}#${id}` },
                body: { S: body },
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: { PK: { S: 'TENANT#raw' }, SK: { S: 'QUOTA' } },
              UpdateExpression: 'ADD jobCount :one',
              ExpressionAttributeValues: { ':one': { N: '1' } },
            },
          },
        ],
      }),
    );
    await scheduler.send(
      new CreateScheduleCommand({
        Name: id,
        GroupName: groupName,
        ScheduleExpression: 'rate(1 day)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: 'arn:aws:sqs:us-east-1:000000000000:bench',
          RoleArn: 'arn:aws:iam::000000000000:role/bench',
          Input: '{}',
        },
      }),
    );
  };
  const rawGet = (n: number) =>
    dynamodb.send(
      new GetItemCommand({
        TableName: tableName,
        Key: { PK: { S: `JOB#${ids[n % ids.length]}` }, SK: { S: 'META' } },
        ConsistentRead: true,
      }),
    );
  const rawList = () =>
    dynamodb.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': { S: `TENANT#${tenant}` } },
        ScanIndexForward: false,
        Limit: 20,
      }),
    );

  const lines = [...TABLE_HEADER];
  try {
    for (const concurrency of [1, 16]) {
      const count = concurrency === 1 ? REQUESTS : REQUESTS * 2;
      for (const [name, call, raw] of [
        ['create', create, rawCreate],
        ['get', get, rawGet],
        ['list', list, rawList],
      ] as const) {
        const measured = await timed(count, concurrency, call);
        const baseline = await timed(count, concurrency, raw);
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
