import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { sortDeadLetterBatch } from '../../../lambdas/handlers/dead-letter-batch.js';
import { noMetrics } from '../../../lambdas/use-cases/ports.js';
import {
  InMemoryDeadFireStore,
  InMemoryJobStore,
  InMemoryQuarantineQueue,
  ManualClock,
} from '../../support/in-memory-ports.js';
import { jobFixture } from '../../support/job-fixture.js';

const JOB = '01JCCCCCCCCCCCCCCCCCCCCCCC';
const record = (messageId: string, body: string, reason?: string): SQSRecord =>
  ({
    messageId,
    receiptHandle: `handle-${messageId}`,
    body,
    attributes: { SentTimestamp: String(Date.parse('2026-11-27T10:01:03Z')), ApproximateReceiveCount: '3' },
    messageAttributes: reason ? { reason: { stringValue: reason, dataType: 'String' } } : {},
  }) as unknown as SQSRecord;
const fire = JSON.stringify({ jobId: JOB, tenant: 't', revision: 1, scheduledTime: '2026-11-27T10:00:00Z' });

function setUp() {
  const jobs = new InMemoryJobStore();
  jobs.jobs.set(JOB, jobFixture({ jobId: JOB, tenant: 't' }));
  const deadFires = new InMemoryDeadFireStore();
  const quarantine = new InMemoryQuarantineQueue();
  const deps = { jobs, deadFires, quarantine, clock: new ManualClock(0), metrics: noMetrics };
  return { deps, deadFires, quarantine };
}

describe('the dead-letter sorter handler', () => {
  it('files and quarantines a batch, reading the SQS attributes, and acknowledges both', async () => {
    const { deps, deadFires, quarantine } = setUp();
    const result = await sortDeadLetterBatch(deps, {
      Records: [record('a', fire, 'timeout'), record('b', '{nope', 'malformed fire message: x')],
    });
    expect(result).toEqual({ batchItemFailures: [] });
    expect(deadFires.of('t')).toMatchObject([
      {
        id: '2026-11-27T10:01:03.000Z#a',
        reason: 'timeout',
        receiveCount: 3,
        sentAt: '2026-11-27T10:01:03.000Z',
      },
    ]);
    expect(quarantine.letters).toMatchObject([{ messageId: 'b', reason: 'malformed' }]);
  });

  it('reports only the record it could not sort, so SQS delivers that one again', async () => {
    const { deps } = setUp();
    deps.quarantine.send = async () => {
      throw new Error('quarantine unreachable');
    };
    const result = await sortDeadLetterBatch(deps, { Records: [record('a', fire), record('b', '{nope')] });
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'b' }] });
  });
});
