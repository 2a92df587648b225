import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../lambdas/domain/job.js';
import { runFireBatch } from '../../../lambdas/handlers/executor-batch.js';
import {
  FakeTargets,
  InMemoryJobStore,
  InMemoryRunStore,
  ManualClock,
} from '../../support/in-memory-ports.js';

const job: Job = {
  jobId: '01JCCCCCCCCCCCCCCCCCCCCCCC',
  tenant: 't',
  name: 'n',
  schedule: { expression: 'rate(1 minute)', timezone: 'UTC' },
  target: { type: 'http', url: 'https://example.com', method: 'POST', headers: {}, timeoutSeconds: 5 },
  status: 'ACTIVE',
  revision: 1,
  createdAt: '2026-11-27T10:00:00.000Z',
  updatedAt: '2026-11-27T10:00:00.000Z',
  scheduleAnchorAt: '2026-11-27T10:00:00.000Z',
};

const record = (messageId: string, body: string): SQSRecord =>
  ({
    messageId,
    body,
    attributes: { SentTimestamp: String(Date.parse('2026-11-27T10:01:03Z')), ApproximateReceiveCount: '1' },
  }) as unknown as SQSRecord;

const fireBody = JSON.stringify({
  jobId: job.jobId,
  tenant: 't',
  revision: 1,
  scheduledTime: '<aws.scheduler.scheduled-time>',
});

describe('runFireBatch', () => {
  it('reports only the records that could not be processed', async () => {
    const jobs = new InMemoryJobStore();
    await jobs.create(job, { quota: 10 });
    const deps = {
      jobs,
      runs: new InMemoryRunStore(),
      targets: new FakeTargets(),
      clock: new ManualClock(Date.parse('2026-11-27T10:01:04Z')),
    };
    const event: SQSEvent = {
      Records: [
        record('good', fireBody),
        record('not-json', '{'),
        record('wrong-shape', '{"jobId":1}'),
        record('duplicate', fireBody),
      ],
    };
    const response = await runFireBatch(deps, event, () => 30_000);
    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: 'not-json' },
      { itemIdentifier: 'wrong-shape' },
    ]);
    expect(deps.targets.calls).toHaveLength(1);
  });

  it('reports a record whose run could not be recorded, so SQS redelivers it', async () => {
    const jobs = new InMemoryJobStore();
    await jobs.create(job, { quota: 10 });
    const runs = new InMemoryRunStore();
    runs.acquire = async () => {
      throw Object.assign(new Error('throughput exceeded'), {
        name: 'ProvisionedThroughputExceededException',
      });
    };
    const deps = {
      jobs,
      runs,
      targets: new FakeTargets(),
      clock: new ManualClock(Date.parse('2026-11-27T10:01:04Z')),
    };
    const response = await runFireBatch(deps, { Records: [record('m1', fireBody)] }, () => 30_000);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    expect(deps.targets.calls).toHaveLength(0);
  });
});
