import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context, SQSEvent } from 'aws-lambda';
import { documentClient, sqsClient } from '../adapters/clients.js';
import { DynamoDbJobStore } from '../adapters/dynamodb-job-store.js';
import { DynamoDbRunStore } from '../adapters/dynamodb-run-store.js';
import { DynamoDbSigningGenerations } from '../adapters/dynamodb-signing-generations.js';
import { DynamoDbTenantRunSlots } from '../adapters/dynamodb-tenant-run-slots.js';
import { EmfMetrics } from '../adapters/emf-metrics.js';
import { EventBridgeRunEvents } from '../adapters/eventbridge-run-events.js';
import { secretMasterKey } from '../adapters/signing-master-key.js';
import { SqsQueueControl } from '../adapters/sqs-queue-control.js';
import { targetCaller } from '../adapters/target-caller.js';
import { tenantSigningSecretsResolver } from '../adapters/tenant-signing-secrets.js';
import { readExecutorConfig } from '../config.js';
import { MetricService } from '../domain/metrics.js';
import { systemClock } from '../use-cases/ports.js';
import { type ExecutorDeps, runFireBatch } from './executor-batch.js';
import { flushingMetrics } from './flushing-metrics.js';

const config = readExecutorConfig();
const metrics = new EmfMetrics(config.METRICS_NAMESPACE, MetricService.Executor);

const deps: ExecutorDeps = {
  jobs: new DynamoDbJobStore(documentClient, config.TABLE_NAME),
  runs: new DynamoDbRunStore(documentClient, config.TABLE_NAME, config.RUN_RETENTION_DAYS),
  targets: targetCaller({
    allowedHosts: config.HTTP_TARGET_INSECURE_HOSTS,
    allowedPorts: config.HTTP_TARGET_PORTS,
    signingSecrets: tenantSigningSecretsResolver({
      masterKey: secretMasterKey(new SecretsManagerClient({}), config.SIGNING_MASTER_KEY_SECRET_ID),
      generations: new DynamoDbSigningGenerations(documentClient, config.TABLE_NAME),
    }),
  }),
  events: new EventBridgeRunEvents(new EventBridgeClient({}), config.EVENT_BUS_NAME, metrics),
  queue: new SqsQueueControl(sqsClient, config.DISPATCH_QUEUE_URL, config.DEAD_LETTER_QUEUE_URL),
  targetPolicy: {
    insecureHostsAllowed: config.HTTP_TARGET_INSECURE_HOSTS,
    arnAllowlist: config.TARGET_ARN_ALLOWLIST,
    tenantArnAllowlists: config.TENANT_TARGET_ARN_ALLOWLISTS,
    serviceResourcePrefix: config.SERVICE_RESOURCE_PREFIX,
  },
  clock: systemClock,
  metrics,
  ...(config.TENANT_RUN_LIMIT > 0
    ? { runSlots: new DynamoDbTenantRunSlots(documentClient, config.TABLE_NAME, config.TENANT_RUN_LIMIT) }
    : {}),
};

/** The executor: SQS dispatch queue → one exactly-once run per fire, retries through message visibility. */
export const handler = flushingMetrics(metrics, (event: SQSEvent, context: Context) =>
  runFireBatch(deps, event, () => context.getRemainingTimeInMillis(), context.awsRequestId),
);
