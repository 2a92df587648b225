import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { QuotaExceededError } from '../domain/errors.js';
import type { Job } from '../domain/job.js';
import type { Page, PageRequest } from '../domain/page.js';
import {
  IdempotencyKeyTakenError,
  type IdempotencyRecord,
  type JobFilter,
  type JobRunResult,
  type JobStore,
} from '../use-cases/ports.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { isConditionalCheckFailed } from './dynamodb-errors.js';
import {
  dueIndexKey,
  idempotencyKey,
  jobIdKey,
  jobKey,
  quotaKey,
  TENANT_INDEX,
  tenantIndexKey,
  tenantPartition,
} from './job-keys.js';
import { parseStoredJob } from './stored-job.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A filtered list may need several queries to fill a page; never more than this many per request. */
const MAX_QUERIES_PER_PAGE = 5;

const toJob = parseStoredJob;

/** The job's item: in the tenant index always, in the due index while it is ACTIVE with a next fire. */
const jobItem = (job: Job) => ({
  ...jobKey(job.jobId),
  ...tenantIndexKey(job.tenant, job.createdAt, job.jobId),
  ...(job.status === 'ACTIVE' && job.nextRunAt ? dueIndexKey(job.jobId, job.nextRunAt) : {}),
  entity: 'job',
  ...job,
});

/** A scan cursor over the tenant index: any well-formed key of that index. */
function decodeScanCursor(cursor: string): Record<string, string> {
  const key = decodeCursor(cursor, ['PK', 'SK', 'GSI1PK', 'GSI1SK'], { name: 'GSI1PK', value: '' }, true);
  return key ?? {};
}

/** What each item of a transaction is for, so that a cancellation names what failed rather than an index. */
type TransactPart = 'job' | 'quota' | 'idempotency' | 'jobId';
interface Transaction {
  readonly items: TransactItem[];
  readonly parts: TransactPart[];
}
const add = (transaction: Transaction, part: TransactPart, item: TransactItem) => {
  transaction.items.push(item);
  transaction.parts.push(part);
};

/** The parts of a cancelled transaction whose condition failed; undefined when the error is no cancellation. */
function failedConditions(error: unknown, parts: readonly TransactPart[]): Set<TransactPart> | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons =
    (error as Error & { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
  const failed = new Set<TransactPart>();
  reasons.forEach((reason, index) => {
    const part = parts[index];
    if (part && reason.Code === 'ConditionalCheckFailed') failed.add(part);
  });
  return failed;
}

/** Jobs in the service's DynamoDB table. */
export class DynamoDbJobStore implements JobStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(
    job: Job,
    options: { quota: number; idempotency?: IdempotencyRecord & { expiresAtMs: number } },
  ): Promise<void> {
    const transaction: Transaction = { items: [], parts: [] };
    add(transaction, 'job', {
      Put: { TableName: this.tableName, Item: jobItem(job), ConditionExpression: 'attribute_not_exists(PK)' },
    });
    add(transaction, 'quota', {
      Update: {
        TableName: this.tableName,
        Key: quotaKey(job.tenant),
        UpdateExpression: 'ADD jobCount :one',
        ConditionExpression: 'attribute_not_exists(jobCount) OR jobCount < :quota',
        ExpressionAttributeValues: { ':one': 1, ':quota': options.quota },
      },
    });
    add(transaction, 'jobId', {
      Put: { TableName: this.tableName, Item: { ...jobIdKey(job.jobId), entity: 'jobId' } },
    });
    if (options.idempotency) {
      const { expiresAtMs, ...record } = options.idempotency;
      add(transaction, 'idempotency', {
        Put: {
          TableName: this.tableName,
          Item: {
            ...idempotencyKey(job.tenant, record.key),
            entity: 'idempotency',
            ...record,
            ttlEpochSeconds: Math.floor(expiresAtMs / 1000),
          },
          // A key past its window is free again, though DynamoDB's TTL may not have deleted it yet (it does so
          // within days, not on the second).
          ConditionExpression: 'attribute_not_exists(PK) OR ttlEpochSeconds <= :now',
          ExpressionAttributeValues: { ':now': Math.floor(Date.now() / 1000) },
        },
      });
    }
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: transaction.items }));
    } catch (error) {
      const failed = failedConditions(error, transaction.parts);
      if (failed?.has('quota')) throw new QuotaExceededError(options.quota);
      if (failed?.has('idempotency')) throw new IdempotencyKeyTakenError();
      throw error;
    }
  }

  async get(jobId: string): Promise<Job | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: jobKey(jobId), ConsistentRead: true }),
    );
    return Item ? toJob(Item) : undefined;
  }

  async list(tenant: string, filter: JobFilter, page: PageRequest): Promise<Page<Job>> {
    const partition = tenantPartition(tenant);
    let startKey: Record<string, unknown> | undefined = decodeCursor(
      page.cursor,
      ['PK', 'SK', 'GSI1PK', 'GSI1SK'],
      {
        name: 'GSI1PK',
        value: partition,
      },
    );
    const conditions: string[] = [];
    const names: Record<string, string> = { '#pk': 'GSI1PK' };
    const values: Record<string, unknown> = { ':pk': partition };
    if (filter.status) {
      conditions.push('#status = :status');
      names['#status'] = 'status';
      values[':status'] = filter.status;
    }
    if (filter.lastRunStatus) {
      conditions.push('#lastRunStatus = :lastRunStatus');
      names['#lastRunStatus'] = 'lastRunStatus';
      values[':lastRunStatus'] = filter.lastRunStatus;
    }
    if (filter.namePrefix) {
      conditions.push('begins_with(#name, :namePrefix)');
      names['#name'] = 'name';
      values[':namePrefix'] = filter.namePrefix;
    }
    const jobs: Job[] = [];
    for (let query = 0; query < MAX_QUERIES_PER_PAGE && jobs.length < page.limit; query++) {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: TENANT_INDEX,
          KeyConditionExpression: '#pk = :pk',
          ...(conditions.length ? { FilterExpression: conditions.join(' AND ') } : {}),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
          Limit: page.limit - jobs.length,
          ExclusiveStartKey: startKey,
        }),
      );
      jobs.push(...(result.Items ?? []).map(toJob));
      startKey = result.LastEvaluatedKey;
      if (!startKey) break;
    }
    const nextCursor = encodeCursor(
      startKey && {
        PK: startKey.PK,
        SK: startKey.SK,
        GSI1PK: startKey.GSI1PK,
        GSI1SK: startKey.GSI1SK,
      },
    );
    return { items: jobs, ...(nextCursor ? { nextCursor } : {}) };
  }

  async replace(job: Job, expectedRevision: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: jobItem(job),
          ConditionExpression: 'attribute_exists(PK) AND #revision = :expected AND #tenant = :tenant',
          ExpressionAttributeNames: { '#revision': 'revision', '#tenant': 'tenant' },
          ExpressionAttributeValues: { ':expected': expectedRevision, ':tenant': job.tenant },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async delete(job: Pick<Job, 'jobId' | 'tenant'>, expectedRevision: number, key?: string): Promise<boolean> {
    const transaction: Transaction = { items: [], parts: [] };
    add(transaction, 'job', {
      Delete: {
        TableName: this.tableName,
        Key: jobKey(job.jobId),
        ConditionExpression: 'attribute_exists(PK) AND #revision = :expected',
        ExpressionAttributeNames: { '#revision': 'revision' },
        ExpressionAttributeValues: { ':expected': expectedRevision },
      },
    });
    add(transaction, 'quota', {
      Update: {
        TableName: this.tableName,
        Key: quotaKey(job.tenant),
        UpdateExpression: 'ADD jobCount :minusOne',
        ExpressionAttributeValues: { ':minusOne': -1 },
      },
    });
    add(transaction, 'jobId', { Delete: { TableName: this.tableName, Key: jobIdKey(job.jobId) } });
    if (key)
      add(transaction, 'idempotency', {
        Delete: { TableName: this.tableName, Key: idempotencyKey(job.tenant, key) },
      });
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: transaction.items }));
      return true;
    } catch (error) {
      if (failedConditions(error, transaction.parts)?.has('job')) return false;
      throw error;
    }
  }

  async scan(page: PageRequest): Promise<Page<Job>> {
    // The tenant index holds job items only, so scanning it walks every job and nothing else.
    const startKey = page.cursor ? decodeScanCursor(page.cursor) : undefined;
    const result = await this.client.send(
      new ScanCommand({
        TableName: this.tableName,
        IndexName: TENANT_INDEX,
        Limit: page.limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const nextCursor = encodeCursor(result.LastEvaluatedKey);
    return { items: (result.Items ?? []).map(toJob), ...(nextCursor ? { nextCursor } : {}) };
  }

  async getMany(jobIds: readonly string[]): Promise<Map<string, Job>> {
    const found = new Map<string, Job>();
    let keys: Array<Record<string, unknown>> = [...new Set(jobIds)].map((jobId) => jobKey(jobId));
    // BatchGetItem may leave keys unprocessed under load: ask again for those, a bounded number of times.
    for (let round = 0; round < 5 && keys.length > 0; round++) {
      const result = await this.client.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const item of result.Responses?.[this.tableName] ?? []) {
        const job = toJob(item);
        found.set(job.jobId, job);
      }
      keys = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Array<Record<string, unknown>>;
    }
    if (keys.length > 0) throw new Error(`BatchGetItem left ${keys.length} keys unprocessed`);
    return found;
  }

  async setNextRunAt(jobId: string, revision: number, nextRunAt: string | undefined): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: jobKey(jobId),
          // The due index follows the next run (only an ACTIVE job is ever in it: others keep theirs out).
          UpdateExpression: nextRunAt ? 'SET #nextRunAt = :next, #due = :due' : 'REMOVE #nextRunAt, #due',
          ConditionExpression: nextRunAt
            ? 'attribute_exists(PK) AND #revision = :revision AND #status = :active'
            : 'attribute_exists(PK) AND #revision = :revision',
          ExpressionAttributeNames: {
            '#nextRunAt': 'nextRunAt',
            '#revision': 'revision',
            '#due': 'GSI2PK',
            ...(nextRunAt ? { '#status': 'status' } : {}),
          },
          ExpressionAttributeValues: {
            ':revision': revision,
            ...(nextRunAt
              ? { ':next': nextRunAt, ':due': dueIndexKey(jobId, nextRunAt).GSI2PK, ':active': 'ACTIVE' }
              : {}),
          },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async getIdempotencyRecord(tenant: string, key: string): Promise<IdempotencyRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: idempotencyKey(tenant, key), ConsistentRead: true }),
    );
    // Expired is absent: TTL deletes lazily, and a key's 24-hour window is the API's promise.
    if (!Item || Number(Item.ttlEpochSeconds) <= Math.floor(Date.now() / 1000)) return undefined;
    return { key: String(Item.key), bodyHash: String(Item.bodyHash), jobId: String(Item.jobId) };
  }

  private async recordLastRunOnly(
    jobId: string,
    result: JobRunResult,
    counter: 'runsSucceeded' | 'runsFailed',
  ): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: jobKey(jobId),
          UpdateExpression: 'SET #lastRunAt = :lastRunAt, #lastRunStatus = :status ADD #counter :one',
          ConditionExpression:
            'attribute_exists(PK) AND (attribute_not_exists(#lastRunAt) OR #lastRunAt <= :lastRunAt)',
          ExpressionAttributeNames: {
            '#lastRunAt': 'lastRunAt',
            '#lastRunStatus': 'lastRunStatus',
            '#counter': counter,
          },
          ExpressionAttributeValues: {
            ':lastRunAt': result.lastRunAt,
            ':status': result.lastRunStatus,
            ':one': 1,
          },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      await this.countRun(jobId, counter);
    }
  }

  async countSkippedRun(jobId: string, skip?: { reason: string; at: string }): Promise<void> {
    await this.countRun(jobId, 'runsSkipped', skip);
  }

  private async countRun(
    jobId: string,
    counter: 'runsSucceeded' | 'runsFailed' | 'runsSkipped',
    skip?: { reason: string; at: string },
  ): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: jobKey(jobId),
          // The last skip rides on the counter's write: no extra request on the fire path.
          UpdateExpression: skip
            ? 'SET lastSkipReason = :reason, lastSkippedAt = :at ADD #counter :one'
            : 'ADD #counter :one',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#counter': counter },
          ExpressionAttributeValues: {
            ':one': 1,
            ...(skip ? { ':reason': skip.reason, ':at': skip.at } : {}),
          },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async recordRunResult(jobId: string, result: JobRunResult): Promise<void> {
    const names: Record<string, string> = {
      '#lastRunAt': 'lastRunAt',
      '#lastRunStatus': 'lastRunStatus',
      '#nextRunAt': 'nextRunAt',
      '#due': 'GSI2PK',
    };
    const values: Record<string, unknown> = {
      ':lastRunAt': result.lastRunAt,
      ':status': result.lastRunStatus,
    };
    const set = ['#lastRunAt = :lastRunAt', '#lastRunStatus = :status'];
    const remove: string[] = [];
    const counter = result.lastRunStatus === 'SUCCEEDED' ? 'runsSucceeded' : 'runsFailed';
    names['#counter'] = counter;
    names['#revision'] = 'revision';
    values[':one'] = 1;
    values[':revision'] = result.revision;
    if (result.nextRunAt) {
      values[':nextRunAt'] = result.nextRunAt;
      set.push('#nextRunAt = :nextRunAt');
    } else {
      remove.push('#nextRunAt');
    }
    // The due index follows the next run: a job with a next run that is not completing is ACTIVE (the
    // revision condition below holds it to the revision that fired).
    if (result.nextRunAt && !result.completed) {
      values[':due'] = dueIndexKey(jobId, result.nextRunAt).GSI2PK;
      set.push('#due = :due');
    } else {
      remove.push('#due');
    }
    if (result.completed) {
      names['#status'] = 'status';
      values[':completed'] = 'COMPLETED';
      set.push('#status = :completed');
    }
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: jobKey(jobId),
          UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''} ADD #counter :one`,
          // Never resurrect a job deleted while its run was in flight, never move lastRunAt backwards, and never
          // complete (or reschedule) a job that was changed while the run was in flight.
          ConditionExpression:
            'attribute_exists(PK) AND #revision = :revision AND (attribute_not_exists(#lastRunAt) OR #lastRunAt <= :lastRunAt)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      // An older run finished after a newer one, or the job changed meanwhile: count the run and move the last
      // run forward if it is newer, but leave the job's next run and status to its current revision.
      await this.recordLastRunOnly(jobId, result, counter);
    }
  }
}
