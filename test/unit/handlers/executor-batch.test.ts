import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FireMessage } from '../../../lambdas/domain/fire-message.js';
import type { Job } from '../../../lambdas/domain/job.js';
import {
  type DispatchQueueControl,
  type ExecutorDeps,
  runFireBatch,
} from '../../../lambdas/handlers/executor-batch.js';
import { noMetrics } from '../../../lambdas/use-cases/ports.js';
import {
  FakeTargets,
  InMemoryJobStore,
  InMemoryRunStore,
  ManualClock,
  RecordingRunEvents,
} from '../../support/in-memory-ports.js';
import { jobFixture } from '../../support/job-fixture.js';
import { openTargetPolicy } from '../../support/target-policies.js';

const job: Job = jobFixture({
  jobId: '01JCCCCCCCCCCCCCCCCCCCCCCC',
  tenant: 't',
  name: 'n',
  target: { type: 'http', url: 'https://example.com', method: 'POST', headers: {}, timeoutSeconds: 5 },
  retryPolicy: { maxAttempts: 2, initialDelaySeconds: 30, maxDelaySeconds: 60, multiplier: 2 },
});

const record = (messageId: string, body: string): SQSRecord =>
  ({
    messageId,
    receiptHandle: `handle-${messageId}`,
    body,
    attributes: { SentTimestamp: String(Date.parse('2026-11-27T10:01:03Z')), ApproximateReceiveCount: '1' },
  }) as unknown as SQSRecord;

const fireBody = JSON.stringify({
  jobId: job.jobId,
  tenant: 't',
  revision: 1,
  scheduledTime: '<aws.scheduler.scheduled-time>',
});

class RecordingQueue implements DispatchQueueControl {
  readonly redeliveries: Array<[string, number]> = [];
  readonly deadLetters: Array<[string, string]> = [];
  readonly sentLater: Array<[FireMessage, number]> = [];
  async deliverAgainIn(receiptHandle: string, seconds: number) {
    this.redeliveries.push([receiptHandle, seconds]);
  }
  async sendLater(message: FireMessage, delaySeconds: number) {
    this.sentLater.push([message, delaySeconds]);
  }
  async deadLetter(record: SQSRecord, reason: string) {
    this.deadLetters.push([record.messageId, reason]);
  }
}

describe('runFireBatch', () => {
  let deps: ExecutorDeps & { targets: FakeTargets; queue: RecordingQueue; runs: InMemoryRunStore };
  beforeEach(async () => {
    const jobs = new InMemoryJobStore();
    await jobs.create(job, { quota: 10 });
    deps = {
      jobs,
      runs: new InMemoryRunStore(),
      targets: new FakeTargets(),
      targetPolicy: openTargetPolicy,
      events: new RecordingRunEvents(),
      queue: new RecordingQueue(),
      clock: new ManualClock(Date.parse('2026-11-27T10:01:04Z')),
      metrics: noMetrics,
    };
  });

  it('acknowledges done fires and duplicates, moves malformed messages to the DLQ, and acknowledges them', async () => {
    const event: SQSEvent = {
      Records: [record('good', fireBody), record('not-json', '{'), record('wrong-shape', '{"jobId":1}')],
    };
    const response = await runFireBatch(deps, event, () => 30_000);
    expect(response.batchItemFailures).toEqual([]);
    expect(deps.targets.calls).toHaveLength(1);
    expect(deps.queue.deadLetters.map(([id]) => id)).toEqual(['not-json', 'wrong-shape']);
    expect(deps.queue.deadLetters[1]?.[1]).toMatch(/malformed fire message: .*jobId/);
  });

  it('asks for a failed fire again when its retry is due, through the message visibility', async () => {
    deps.targets.answers.push({ ok: false, statusCode: 502, error: 'target answered HTTP 502' });
    const response = await runFireBatch(deps, { Records: [record('m1', fireBody)] }, () => 30_000);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    expect(deps.queue.redeliveries).toEqual([['handle-m1', 30]]);
  });

  it('asks for a second delivery of a fire in progress again when the holder’s lease ends', async () => {
    await deps.runs.acquire({
      jobId: job.jobId,
      runId: '2026-11-27T10:01:00.000Z',
      scheduledTime: '2026-11-27T10:01:00.000Z',
      trigger: 'schedule',
      leaseMs: 9_000,
      nowMs: Date.parse('2026-11-27T10:01:04Z'),
    });
    const response = await runFireBatch(deps, { Records: [record('m2', fireBody)] }, () => 30_000);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm2' }]);
    expect(deps.queue.redeliveries).toEqual([['handle-m2', 10]]);
  });

  it('reports a record whose run could not be recorded, so SQS redelivers it after the visibility timeout', async () => {
    deps.runs.acquire = async () => {
      throw Object.assign(new Error('throughput exceeded'), {
        name: 'ProvisionedThroughputExceededException',
      });
    };
    const response = await runFireBatch(deps, { Records: [record('m3', fireBody)] }, () => 30_000);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm3' }]);
    expect(deps.targets.calls).toHaveLength(0);
    expect(deps.queue.redeliveries).toEqual([]);
  });

  it('reports a malformed message whose move to the DLQ failed, so it is not lost', async () => {
    deps.queue.deadLetter = async () => {
      throw new Error('DLQ unreachable');
    };
    const response = await runFireBatch(deps, { Records: [record('bad', '{')] }, () => 30_000);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'bad' }]);
  });
});
