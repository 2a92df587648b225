import { randomUUID } from 'node:crypto';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Page, PageRequest } from '../domain/page.js';
import { type Run, runExpiryEpochSeconds } from '../domain/run.js';
import type {
  AcquireRunRequest,
  LockAttempt,
  RecordAttemptRequest,
  RecordSkipRequest,
  RunStore,
} from '../use-cases/ports.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { isConditionalCheckFailed } from './dynamodb-errors.js';
import { RUN_PREFIX, runKey } from './job-keys.js';
import { runFromItem } from './run-item.js';

// The lock condition, clause by clause; `canTakeRunLock` in the domain states the same rule.
const NO_RUN_YET = 'attribute_not_exists(PK)';
const HOLDER_DIED_OR_RETRY_DUE = '(#status = :running AND #leaseExpiresAtMs < :nowMs)';
export const RUN_LOCK_CONDITION = `${NO_RUN_YET} OR ${HOLDER_DIED_OR_RETRY_DUE}`;
/** How many recent runs the `forbid` overlap check looks at: a live run is always among the newest. */
const OVERLAP_WINDOW = 25;
/**
 * How many of a job's newest runs `closeOpenRuns` reads (pages of 100): an open run is among the newest,
 * since retries are at most 10 attempts an hour apart and a job fires at most once a minute.
 */
const OPEN_RUN_PAGES = 10;

/** Run items in the service's DynamoDB table: one per (job, run id). */
export class DynamoDbRunStore implements RunStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retentionDays: number,
  ) {}

  async acquire(request: AcquireRunRequest): Promise<LockAttempt> {
    const leaseToken = randomUUID();
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: runKey(request.jobId, request.runId),
          UpdateExpression: [
            'SET #status = :running, leaseToken = :token, #leaseExpiresAtMs = :lease, entity = :entity',
            'jobId = :jobId, runId = :runId, scheduledTime = :scheduledTime, #trigger = :trigger',
            'startedAt = if_not_exists(startedAt, :now), ttlEpochSeconds = if_not_exists(ttlEpochSeconds, :ttl)',
            'attempt = if_not_exists(attempt, :zero) + :one',
          ].join(', '),
          ConditionExpression: RUN_LOCK_CONDITION,
          ExpressionAttributeNames: {
            '#status': 'status',
            '#leaseExpiresAtMs': 'leaseExpiresAtMs',
            '#trigger': 'trigger',
          },
          ExpressionAttributeValues: {
            ':running': 'RUNNING',
            ':token': leaseToken,
            ':lease': request.nowMs + request.leaseMs,
            ':entity': 'run',
            ':jobId': request.jobId,
            ':runId': request.runId,
            ':scheduledTime': request.scheduledTime,
            ':trigger': request.trigger,
            ':now': new Date(request.nowMs).toISOString(),
            ':ttl': runExpiryEpochSeconds(request.nowMs, this.retentionDays),
            ':zero': 0,
            ':one': 1,
            ':nowMs': request.nowMs,
          },
          ReturnValues: 'UPDATED_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { acquired: true, leaseToken, attempt: Number(Attributes?.attempt ?? 1) };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      // The document client leaves the item of a failed condition in DynamoDB's wire format.
      const holder = error.Item
        ? runFromItem(unmarshall(error.Item as Parameters<typeof unmarshall>[0]))
        : undefined;
      return { acquired: false, holder };
    }
  }

  async recordAttempt(request: RecordAttemptRequest): Promise<boolean> {
    const retry = request.result.status === 'RETRY' ? request.result : undefined;
    const entry = {
      attempt: request.attempt,
      startedAt: new Date(request.attemptStartedAtMs).toISOString(),
      outcome: request.outcome,
    };
    const names: Record<string, string> = {
      '#status': 'status',
      '#outcome': 'outcome',
      '#attempts': 'attempts',
      '#leaseToken': 'leaseToken',
      '#leaseExpiresAtMs': 'leaseExpiresAtMs',
    };
    const values: Record<string, unknown> = {
      ':outcome': request.outcome,
      ':entry': [entry],
      ':empty': [],
      ':leaseToken': request.leaseToken,
    };
    let update: string;
    let condition = '#leaseToken = :leaseToken';
    if (retry) {
      // Still RUNNING, and locked until the retry is due: an early duplicate delivery cannot jump the queue.
      values[':running'] = 'RUNNING';
      values[':retryAt'] = retry.retryAtMs;
      values[':nextAttemptAt'] = new Date(retry.retryAtMs).toISOString();
      // Only while still RUNNING: a run closed meanwhile (its job was deleted) is not opened again.
      condition = '#leaseToken = :leaseToken AND #status = :running';
      update =
        'SET #status = :running, #outcome = :outcome, #leaseExpiresAtMs = :retryAt, nextAttemptAt = :nextAttemptAt, ' +
        '#attempts = list_append(if_not_exists(#attempts, :empty), :entry)';
    } else {
      values[':status'] = request.result.status;
      values[':finishedAt'] = new Date(request.nowMs).toISOString();
      update =
        'SET #status = :status, #outcome = :outcome, finishedAt = :finishedAt, ' +
        '#attempts = list_append(if_not_exists(#attempts, :empty), :entry) REMOVE #leaseExpiresAtMs, nextAttemptAt';
    }
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: runKey(request.jobId, request.runId),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async recordSkip(request: RecordSkipRequest, options: { onlyExisting?: boolean } = {}): Promise<boolean> {
    const at = new Date(request.nowMs).toISOString();
    if (!options.onlyExisting) {
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...runKey(request.jobId, request.runId),
              entity: 'run',
              jobId: request.jobId,
              runId: request.runId,
              scheduledTime: request.scheduledTime,
              trigger: request.trigger,
              status: 'SKIPPED',
              skipReason: request.reason,
              attempt: 0,
              startedAt: at,
              finishedAt: at,
              ttlEpochSeconds: runExpiryEpochSeconds(request.nowMs, this.retentionDays),
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
        return true;
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
    }
    // The run exists: close it only if it is left waiting (RUNNING, its lease or retry time passed).
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: runKey(request.jobId, request.runId),
          UpdateExpression:
            'SET #status = :skipped, skipReason = :reason, finishedAt = :at REMOVE #leaseExpiresAtMs, nextAttemptAt',
          ConditionExpression: `${HOLDER_DIED_OR_RETRY_DUE}`,
          ExpressionAttributeNames: { '#status': 'status', '#leaseExpiresAtMs': 'leaseExpiresAtMs' },
          ExpressionAttributeValues: {
            ':skipped': 'SKIPPED',
            ':reason': request.reason,
            ':at': at,
            ':running': 'RUNNING',
            ':nowMs': request.nowMs,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async closeOpenRuns(
    jobId: string,
    reason: string,
    nowMs: number,
    options: { leaseExpiredOnly?: boolean } = {},
  ): Promise<number> {
    const { PK } = runKey(jobId, '');
    const open: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    // A fire coming back for a deleted job looks for the run it left among the newest only: one page.
    const pages = options.leaseExpiredOnly ? 1 : OPEN_RUN_PAGES;
    for (let page = 0; page < pages; page++) {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :runs)',
          FilterExpression: '#status = :running',
          ExpressionAttributeValues: { ':pk': PK, ':runs': RUN_PREFIX, ':running': 'RUNNING' },
          ExpressionAttributeNames: { '#status': 'status' },
          ProjectionExpression: 'runId, leaseExpiresAtMs',
          ScanIndexForward: false,
          Limit: 100,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const run of result.Items ?? []) {
        if (!options.leaseExpiredOnly || Number(run.leaseExpiresAtMs ?? 0) < nowMs)
          open.push(String(run.runId));
      }
      startKey = result.LastEvaluatedKey;
      if (!startKey) break;
    }
    let closed = 0;
    for (const runId of open) {
      // The lease token stays: an attempt still in flight records its final result over the SKIPPED.
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: runKey(jobId, runId),
            UpdateExpression:
              'SET #status = :skipped, skipReason = :reason, finishedAt = :at REMOVE #leaseExpiresAtMs, nextAttemptAt',
            ConditionExpression: options.leaseExpiredOnly ? HOLDER_DIED_OR_RETRY_DUE : '#status = :running',
            ExpressionAttributeNames: { '#status': 'status', '#leaseExpiresAtMs': 'leaseExpiresAtMs' },
            ExpressionAttributeValues: {
              ':skipped': 'SKIPPED',
              ':reason': reason,
              ':at': new Date(nowMs).toISOString(),
              ':running': 'RUNNING',
              ...(options.leaseExpiredOnly ? { ':nowMs': nowMs } : {}),
            },
          }),
        );
        closed++;
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
    }
    return closed;
  }

  async hasLiveRun(jobId: string, exceptRunId: string, nowMs: number): Promise<boolean> {
    const { PK } = runKey(jobId, '');
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :runs)',
        ExpressionAttributeValues: { ':pk': PK, ':runs': RUN_PREFIX },
        ProjectionExpression: 'runId, #status, leaseExpiresAtMs',
        ExpressionAttributeNames: { '#status': 'status' },
        ScanIndexForward: false,
        Limit: OVERLAP_WINDOW,
      }),
    );
    return (result.Items ?? []).some(
      (run) => run.status === 'RUNNING' && run.runId !== exceptRunId && Number(run.leaseExpiresAtMs) >= nowMs,
    );
  }

  async get(jobId: string, runId: string): Promise<Run | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: runKey(jobId, runId), ConsistentRead: true }),
    );
    return Item ? runFromItem(Item) : undefined;
  }

  async list(jobId: string, page: PageRequest): Promise<Page<Run>> {
    const { PK } = runKey(jobId, '');
    const startKey = decodeCursor(page.cursor, ['PK', 'SK'], { name: 'PK', value: PK }, false, {
      name: 'SK',
      prefix: RUN_PREFIX,
    });
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :runs)',
        ExpressionAttributeValues: { ':pk': PK, ':runs': RUN_PREFIX },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const nextCursor = encodeCursor(result.LastEvaluatedKey);
    return { items: (result.Items ?? []).map(runFromItem), ...(nextCursor ? { nextCursor } : {}) };
  }
}
