import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { documentClient, schedulerClient } from '../adapters/clients.js';
import { DynamoDbJobStore } from '../adapters/dynamodb-job-store.js';
import { EventBridgeScheduleRegistry } from '../adapters/eventbridge-schedule-registry.js';
import { readApiConfig } from '../config.js';
import { newJobId } from '../domain/job-id.js';
import { createApiRouter } from '../http/api-router.js';
import { problemDetails } from '../http/problem-middleware.js';
import type { ApiEvent } from '../http/request.js';
import { systemClock } from '../use-cases/ports.js';

const config = readApiConfig();

const router = createApiRouter({
  jobs: new DynamoDbJobStore(documentClient, config.TABLE_NAME),
  schedules: new EventBridgeScheduleRegistry(schedulerClient, {
    groupName: config.SCHEDULE_GROUP_NAME,
    dispatchQueueArn: config.DISPATCH_QUEUE_ARN,
    schedulerRoleArn: config.SCHEDULER_ROLE_ARN,
  }),
  clock: systemClock,
  newJobId,
  insecureHostsAllowed: config.HTTP_TARGET_INSECURE_HOSTS,
});

/** The jobs API: HTTP API (payload 2.0) → route → use case → JSON or problem+json. */
export const handler = middy<ApiEvent, APIGatewayProxyStructuredResultV2>()
  .use(problemDetails())
  .handler(router);
