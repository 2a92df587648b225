import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbJobStore } from '../../lambdas/adapters/dynamodb-job-store.js';
import type { Job } from '../../lambdas/domain/job.js';
import { createJobTable, deleteTable, documentClient } from '../support/local-aws.js';

const job: Job = {
  jobId: '01JEEEEEEEEEEEEEEEEEEEEEEE',
  tenant: 'arn:aws:iam::1:user/alice',
  name: 'sync',
  schedule: { expression: 'rate(1 minute)', timezone: 'UTC' },
  target: {
    type: 'http',
    url: 'https://example.com',
    method: 'POST',
    headers: { 'x-a': 'b' },
    timeoutSeconds: 5,
  },
  payload: { nested: { list: [1, 2] } },
  status: 'ACTIVE',
  revision: 1,
  createdAt: '2026-11-27T10:00:00.000Z',
  updatedAt: '2026-11-27T10:00:00.000Z',
  scheduleAnchorAt: '2026-11-27T10:00:00.000Z',
  nextRunAt: '2026-11-27T10:01:00.000Z',
};

describe('DynamoDbJobStore against the local DynamoDB', () => {
  let tableName: string;
  let jobs: DynamoDbJobStore;
  beforeAll(async () => {
    tableName = await createJobTable('job-store');
    jobs = new DynamoDbJobStore(documentClient, tableName);
  });
  afterAll(async () => deleteTable(tableName));

  it('round-trips a job without leaking key attributes, and refuses a second create of the same id', async () => {
    await jobs.create(job);
    expect(await jobs.get(job.jobId)).toEqual(job);
    await expect(jobs.create(job)).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
  });

  it('records run results, moves nextRunAt, completes, and never moves lastRunAt backwards', async () => {
    await jobs.recordRunResult(job.jobId, {
      lastRunAt: '2026-11-27T10:02:00.000Z',
      lastRunStatus: 'SUCCEEDED',
      nextRunAt: '2026-11-27T10:03:00.000Z',
      completed: false,
    });
    await jobs.recordRunResult(job.jobId, {
      lastRunAt: '2026-11-27T10:01:00.000Z',
      lastRunStatus: 'FAILED',
      completed: false,
    });
    expect(await jobs.get(job.jobId)).toMatchObject({
      lastRunAt: '2026-11-27T10:02:00.000Z',
      lastRunStatus: 'SUCCEEDED',
      nextRunAt: '2026-11-27T10:03:00.000Z',
    });
    await jobs.recordRunResult(job.jobId, {
      lastRunAt: '2026-11-27T10:03:00.000Z',
      lastRunStatus: 'SUCCEEDED',
      completed: true,
    });
    const completed = await jobs.get(job.jobId);
    expect(completed?.status).toBe('COMPLETED');
    expect(completed?.nextRunAt).toBeUndefined();
  });

  it('does not resurrect a deleted job when a late run result arrives', async () => {
    expect(await jobs.delete(job.jobId)).toBe(true);
    expect(await jobs.delete(job.jobId)).toBe(false);
    await jobs.recordRunResult(job.jobId, {
      lastRunAt: '2026-11-27T10:09:00.000Z',
      lastRunStatus: 'SUCCEEDED',
      completed: false,
    });
    expect(await jobs.get(job.jobId)).toBeUndefined();
  });
});
