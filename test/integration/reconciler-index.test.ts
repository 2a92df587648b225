import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbJobStore } from '../../lambdas/adapters/dynamodb-job-store.js';
import { DynamoDbReconcilerIndex } from '../../lambdas/adapters/dynamodb-reconciler-index.js';
import { DynamoDbReconcilerState } from '../../lambdas/adapters/dynamodb-reconciler-state.js';
import { StoredJobInvalidError } from '../../lambdas/adapters/stored-job.js';
import type { Job } from '../../lambdas/domain/job.js';
import { createJobTable, deleteTable, documentClient } from '../support/local-aws.js';

const minute = (iso: string) => Date.parse(iso.slice(0, 16).concat(':00.000Z'));
const job = (n: number, overrides: Partial<Job> = {}): Job => ({
  jobId: `01JDUEDUEDUEDUEDUEDUEDU${String(n).padStart(3, '0')}`,
  tenant: 'alice',
  name: `job ${n}`,
  schedule: { expression: 'rate(1 hour)', timezone: 'UTC' },
  target: { type: 'http', url: 'https://example.com', method: 'POST', headers: {}, timeoutSeconds: 5 },
  retryPolicy: { maxAttempts: 3, initialDelaySeconds: 10, maxDelaySeconds: 300, multiplier: 2 },
  overlap: 'allow',
  status: 'ACTIVE',
  revision: 1,
  createdAt: '2026-11-27T10:00:00.000Z',
  updatedAt: '2026-11-27T10:00:00.000Z',
  scheduleAnchorAt: '2026-11-27T10:00:00.000Z',
  nextRunAt: '2026-11-27T11:00:00.000Z',
  ...overrides,
});

describe('the reconciler’s index against the local DynamoDB', () => {
  let tableName: string;
  let jobs: DynamoDbJobStore;
  let index: DynamoDbReconcilerIndex;
  beforeAll(async () => {
    tableName = await createJobTable('reconciler-index');
    jobs = new DynamoDbJobStore(documentClient, tableName);
    index = new DynamoDbReconcilerIndex(documentClient, tableName);
  });
  afterAll(async () => deleteTable(tableName));

  it('keeps exactly the ACTIVE jobs with a next run in the due index, under the minute of that run', async () => {
    for (let n = 0; n < 25; n++) await jobs.create(job(n), { quota: 100 });
    await jobs.create(job(90, { nextRunAt: '2026-11-27T11:01:30.000Z' }), { quota: 100 });
    const at11 = minute('2026-11-27T11:00:00.000Z');
    expect((await index.dueJobIds(at11)).sort()).toEqual(Array.from({ length: 25 }, (_, n) => job(n).jobId));
    expect(await index.dueJobIds(at11 + 60_000)).toEqual([job(90).jobId]);

    // A run moves the next run on; a paused job leaves the index; a completing run takes the job out.
    await jobs.recordRunResult(job(0).jobId, {
      revision: 1,
      lastRunAt: '2026-11-27T11:00:01.000Z',
      lastRunStatus: 'SUCCEEDED',
      nextRunAt: '2026-11-27T12:00:00.000Z',
      completed: false,
    });
    await jobs.replace(job(1, { status: 'PAUSED', revision: 2, nextRunAt: undefined }), 1);
    await jobs.recordRunResult(job(2).jobId, {
      revision: 1,
      lastRunAt: '2026-11-27T11:00:01.000Z',
      lastRunStatus: 'SUCCEEDED',
      completed: true,
    });
    await jobs.setNextRunAt(job(3).jobId, 1, '2026-11-27T13:00:00.000Z');
    const left = await index.dueJobIds(at11);
    expect(left).toHaveLength(21);
    for (const n of [0, 1, 2, 3]) expect(left).not.toContain(job(n).jobId);
    expect(await index.dueJobIds(minute('2026-11-27T12:00:00.000Z'))).toEqual([job(0).jobId]);
    expect(await index.dueJobIds(minute('2026-11-27T13:00:00.000Z'))).toEqual([job(3).jobId]);
    // A job read back carries none of the index's attributes.
    expect(await jobs.get(job(3).jobId)).toEqual({ ...job(3), nextRunAt: '2026-11-27T13:00:00.000Z' });
  });

  it('lists job ids by prefix from the id items, sorted and bounded, and forgets a deleted job’s', async () => {
    expect(await index.jobIdsWithPrefix('01JDUEDUEDUEDUEDUEDUEDU00', 100)).toHaveLength(10);
    const all = await index.jobIdsWithPrefix('', 1000);
    expect(all).toHaveLength(26);
    expect(all).toEqual([...all].sort());
    expect(await index.jobIdsWithPrefix('01JDUE', 5)).toEqual(all.slice(0, 5));
    await jobs.delete(job(24), 1);
    expect(await index.jobIdsWithPrefix('01JDUEDUEDUEDUEDUEDUEDU024', 10)).toEqual([]);
    await index.restoreJobId(job(24).jobId);
    expect(await index.jobIdsWithPrefix('01JDUEDUEDUEDUEDUEDUEDU024', 10)).toEqual([job(24).jobId]);
    await index.forgetJobId(job(24).jobId);
    expect(await index.jobIdsWithPrefix('01JDUEDUEDUEDUEDUEDUEDU024', 10)).toEqual([]);
  });

  it('keeps repair marks until cleared, once per job', async () => {
    await index.mark(job(5).jobId, 'TimeoutError');
    await index.mark(job(4).jobId, 'ThrottlingException');
    await index.mark(job(5).jobId, 'TimeoutError');
    expect(await index.marked(10)).toEqual([job(4).jobId, job(5).jobId]);
    expect(await index.marked(1)).toEqual([job(4).jobId]);
    await index.unmark(job(4).jobId);
    expect(await index.marked(10)).toEqual([job(5).jobId]);
  });

  it('saves and loads the passes’ state, and starts afresh from a state it cannot read', async () => {
    const state = new DynamoDbReconcilerState(documentClient, tableName);
    expect(await state.load()).toBeUndefined();
    const saved = { dueCheckedBeforeMs: 1, names: { pending: ['0', ''], startedAtMs: 2 }, deepCursor: 'c' };
    await state.save(saved);
    expect(await state.load()).toEqual(saved);
    await documentClient.send(
      new PutCommand({ TableName: tableName, Item: { PK: 'RECONCILER', SK: 'STATE', state: '{"names":7}' } }),
    );
    expect(await state.load()).toBeUndefined();
  });

  it('refuses a stored job item that is no job, naming what is wrong', async () => {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          PK: 'JOB#01JBROKENBROKENBROKENBROK',
          SK: 'META',
          jobId: '01JBROKENBROKENBROKENBROK',
          revision: '1',
        },
      }),
    );
    await expect(jobs.get('01JBROKENBROKENBROKENBROK')).rejects.toBeInstanceOf(StoredJobInvalidError);
  });
});
