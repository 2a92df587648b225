import type { Context, SQSEvent } from 'aws-lambda';
import { documentClient } from '../adapters/clients.js';
import { DynamoDbJobStore } from '../adapters/dynamodb-job-store.js';
import { DynamoDbRunStore } from '../adapters/dynamodb-run-store.js';
import { targetCaller } from '../adapters/target-caller.js';
import { readExecutorConfig } from '../config.js';
import { systemClock } from '../use-cases/ports.js';
import { runFireBatch } from './executor-batch.js';

const config = readExecutorConfig();

const deps = {
  jobs: new DynamoDbJobStore(documentClient, config.TABLE_NAME),
  runs: new DynamoDbRunStore(documentClient, config.TABLE_NAME, config.RUN_RETENTION_DAYS),
  targets: targetCaller,
  clock: systemClock,
};

/** The executor: SQS dispatch queue → one exactly-once run per fire, partial batch failures reported. */
export const handler = (event: SQSEvent, context: Context) =>
  runFireBatch(deps, event, () => context.getRemainingTimeInMillis());
