import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { localStackOutputs } from './client-token.js';

/**
 * `npm run status`: what the dashboard shows, read straight off the deployed stack — jobs by status, the
 * latest runs with outcome and fire lag, the dispatch queue, DLQ and quarantine depths, and the dead fires filed
 * per tenant. It scans the table (at most
 * MAX_ITEMS items), so it is meant for the local stack and small deployments; on AWS use the dashboard.
 */
const MAX_ITEMS = 20_000;
const LAST_RUNS = 10;

const endpoint = process.env.AWS_ENDPOINT_URL;
const config = {
  region: process.env.AWS_REGION ?? 'us-east-1',
  ...(endpoint ? { endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } } : {}),
};
const outputs = localStackOutputs();
const documents = DynamoDBDocumentClient.from(new DynamoDBClient(config));
const sqs = new SQSClient(config);

type Item = Record<string, unknown>;

async function scanAll(): Promise<{ items: Item[]; complete: boolean }> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({
        TableName: outputs.TableName,
        ProjectionExpression:
          'entity, #status, jobId, runId, scheduledTime, startedAt, finishedAt, attempt, outcome, skipReason, #name, #trigger, tenant',
        ExpressionAttributeNames: { '#status': 'status', '#name': 'name', '#trigger': 'trigger' },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey && items.length < MAX_ITEMS);
  return { items, complete: !startKey };
}

async function depth(queueUrl: string) {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return `${Attributes.ApproximateNumberOfMessages ?? '?'} visible, ${Attributes.ApproximateNumberOfMessagesNotVisible ?? '?'} in flight`;
}

const { items, complete } = await scanAll();
const jobs = items.filter((item) => item.entity === 'job');
const runs = items.filter((item) => item.entity === 'run');
const deadFires = items.filter((item) => item.entity === 'deadletter');
const jobNames = new Map(jobs.map((job) => [String(job.jobId), String(job.name)]));
/** A run's job by name (its id after it), or marked deleted: ids alone say nothing to a reader. */
const jobLabel = (jobId: unknown) => `${jobNames.get(String(jobId)) ?? '(deleted job)'} [${String(jobId)}]`;
const deadFiresByTenant =
  Object.entries(
    deadFires.reduce<Record<string, number>>((counts, item) => {
      counts[String(item.tenant)] = (counts[String(item.tenant)] ?? 0) + 1;
      return counts;
    }, {}),
  )
    .sort()
    .map(([tenant, count]) => `${tenant} ${count}`)
    .join(', ') || 'none';
const byStatus = (rows: Item[]) =>
  Object.entries(
    rows.reduce<Record<string, number>>((counts, row) => {
      counts[String(row.status)] = (counts[String(row.status)] ?? 0) + 1;
      return counts;
    }, {}),
  )
    .sort()
    .map(([status, count]) => `${status} ${count}`)
    .join(', ') || 'none';

const lines = [
  `Serverless Scheduler — stack ${process.env.STACK_NAME ?? 'ServerlessScheduler'}${complete ? '' : ` (first ${MAX_ITEMS} items only)`}`,
  `jobs: ${jobs.length} (${byStatus(jobs)})`,
  `runs: ${runs.length} (${byStatus(runs)})`,
  `dispatch queue: ${await depth(outputs.DispatchQueueUrl ?? '')}`,
  `dead-letter queue: ${await depth(outputs.DeadLetterQueueUrl ?? '')}`,
  `quarantine queue: ${outputs.QuarantineQueueUrl ? await depth(outputs.QuarantineQueueUrl) : 'not deployed'}`,
  `dead fires filed: ${deadFires.length} (${deadFiresByTenant})`,
  '',
  `last ${LAST_RUNS} runs:`,
  ...runs
    .sort((a, b) => String(b.startedAt).localeCompare(String(a.startedAt)))
    .slice(0, LAST_RUNS)
    .map((run) => {
      const lag = (Date.parse(String(run.startedAt)) - Date.parse(String(run.scheduledTime))) / 1000;
      const outcome = run.outcome as { statusCode?: number; durationMs?: number; error?: string } | undefined;
      const detail =
        run.status === 'SKIPPED'
          ? `skipped: ${run.skipReason}`
          : (outcome?.error ?? (outcome?.statusCode ? `HTTP ${outcome.statusCode}` : ''));
      return `  ${run.scheduledTime}  ${String(run.status).padEnd(9)} ${jobLabel(run.jobId)}  ${run.trigger}  attempt ${run.attempt}  lag ${lag.toFixed(1)} s  ${outcome?.durationMs ?? '-'} ms  ${detail}`;
    }),
];
process.stdout.write(`${lines.join('\n')}\n`);
