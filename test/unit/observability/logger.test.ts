import type { SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Job } from '../../../lambdas/domain/job.js';
import { runFireBatch } from '../../../lambdas/handlers/executor-batch.js';
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
  jobId: '01JLLLLLLLLLLLLLLLLLLLLLLL',
  tenant: 'tenant-x',
  name: 'logged',
  target: {
    type: 'http',
    url: 'https://example.com',
    method: 'POST',
    headers: { authorization: 'Bearer s3cret' },
    timeoutSeconds: 5,
  },
  payload: { card: '4111111111111111' },
  retryPolicy: { maxAttempts: 1, initialDelaySeconds: 1, maxDelaySeconds: 1, multiplier: 1 },
});

describe('executor logs', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('are JSON lines keyed by request, message, tenant, job and run, without payloads or secrets', async () => {
    vi.stubEnv('LOG_LEVEL', 'info');
    vi.resetModules();
    const { runFireBatch: run } = await import('../../../lambdas/handlers/executor-batch.js');
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const jobs = new InMemoryJobStore();
    await jobs.create(job, { quota: 10 });
    const record = {
      messageId: 'm-1',
      receiptHandle: 'h',
      body: JSON.stringify({
        jobId: job.jobId,
        tenant: 'tenant-x',
        revision: 1,
        scheduledTime: '2026-11-27T10:01:00Z',
      }),
      attributes: { SentTimestamp: '1', ApproximateReceiveCount: '1' },
    } as unknown as SQSRecord;
    await run(
      {
        jobs,
        runs: new InMemoryRunStore(),
        targets: new FakeTargets(),
        targetPolicy: openTargetPolicy,
        events: new RecordingRunEvents(),
        clock: new ManualClock(Date.parse('2026-11-27T10:01:01Z')),
        metrics: noMetrics,
        queue: {
          deliverAgainIn: async () => undefined,
          sendLater: async () => undefined,
          deadLetter: async () => undefined,
        },
      },
      { Records: [record] },
      () => 10_000,
      'req-42',
    );
    spy.mockRestore();
    const [line] = lines.map((text) => JSON.parse(text));
    expect(line).toMatchObject({
      level: 'info',
      message: 'fire handled',
      service: 'serverless-scheduler',
      requestId: 'req-42',
      messageId: 'm-1',
      tenant: 'tenant-x',
      jobId: job.jobId,
      runId: '2026-11-27T10:01:00.000Z',
      kind: 'ran',
      status: 'SUCCEEDED',
    });
    expect(lines.join('\n')).not.toContain('4111111111111111');
    expect(lines.join('\n')).not.toContain('s3cret');
    expect(runFireBatch).toBeTypeOf('function');
  });

  it('drop lines below the configured level', async () => {
    vi.stubEnv('LOG_LEVEL', 'error');
    vi.resetModules();
    const { logger } = await import('../../../lambdas/logger.js');
    const spy = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    logger.info('not shown');
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });
});
