import { beforeEach, describe, expect, it } from 'vitest';
import { EmfMetrics } from '../../../lambdas/adapters/emf-metrics.js';
import type { Job } from '../../../lambdas/domain/job.js';
import { executeFire } from '../../../lambdas/use-cases/execute-fire.js';
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
  jobId: '01JMMMMMMMMMMMMMMMMMMMMMMM',
  tenant: 't',
  name: 'metered',
  target: { type: 'http', url: 'https://example.com', method: 'POST', headers: {}, timeoutSeconds: 5 },
  retryPolicy: { maxAttempts: 2, initialDelaySeconds: 5, maxDelaySeconds: 5, multiplier: 1 },
});
const fire = {
  message: { jobId: job.jobId, tenant: 't', revision: 1, scheduledTime: '2026-11-27T10:01:00Z' },
  sentAtMs: Date.parse('2026-11-27T10:01:00Z'),
  leaseMs: 20_000,
};

type Emf = Record<string, unknown> & {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: Array<{
      Namespace: string;
      Dimensions: string[][];
      Metrics: Array<{ Name: string; Unit: string }>;
    }>;
  };
};

describe('run metrics as CloudWatch EMF documents', () => {
  let lines: string[];
  let metrics: EmfMetrics;
  let jobs: InMemoryJobStore;
  let targets: FakeTargets;
  let clock: ManualClock;
  let deps: Parameters<typeof executeFire>[0];
  const documents = () => {
    metrics.flush();
    return lines.map((line) => JSON.parse(line) as Emf);
  };

  beforeEach(async () => {
    lines = [];
    metrics = new EmfMetrics(
      'ServerlessScheduler',
      'executor',
      (line) => lines.push(line),
      () => 1_800_000_000_000,
    );
    jobs = new InMemoryJobStore();
    await jobs.create(job, { quota: 10 });
    targets = new FakeTargets();
    clock = new ManualClock(Date.parse('2026-11-27T10:01:02.500Z'));
    deps = {
      jobs,
      runs: new InMemoryRunStore(),
      targets,
      targetPolicy: openTargetPolicy,
      events: new RecordingRunEvents(),
      clock,
      metrics,
    };
  });

  it('on success: started, fire lag, target latency by kind, succeeded — in EMF the agent can read', async () => {
    await executeFire(deps, fire);
    const [plain, byKind] = documents();
    expect(plain).toEqual({
      _aws: {
        Timestamp: 1_800_000_000_000,
        CloudWatchMetrics: [
          {
            Namespace: 'ServerlessScheduler',
            Dimensions: [['Service']],
            Metrics: [
              { Name: 'RunsStarted', Unit: 'Count' },
              { Name: 'FireLagSeconds', Unit: 'Seconds' },
              { Name: 'RunsSucceeded', Unit: 'Count' },
            ],
          },
        ],
      },
      Service: 'executor',
      RunsStarted: 1,
      FireLagSeconds: 2.5,
      RunsSucceeded: 1,
    });
    expect(byKind).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          {
            Dimensions: [['Service', 'TargetKind']],
            Metrics: [{ Name: 'TargetLatency', Unit: 'Milliseconds' }],
          },
        ],
      },
      TargetKind: 'http',
      TargetLatency: 5,
    });
  });

  it('on a retry and then the final failure: Retries and RunsFailed, no second RunsStarted', async () => {
    targets.answers.push(
      { ok: false, statusCode: 500, error: 'e' },
      { ok: false, statusCode: 500, error: 'e' },
    );
    await executeFire(deps, fire);
    clock.advance(5_001);
    await executeFire(deps, fire);
    const [plain] = documents();
    expect(plain).toMatchObject({ RunsStarted: 1, Retries: 1, RunsFailed: 1 });
    expect(plain?.RunsSucceeded).toBeUndefined();
  });

  it('on a skip: RunsSkipped only', async () => {
    await jobs.replace({ ...job, status: 'PAUSED' }, 1);
    await executeFire(deps, fire);
    const docs = documents();
    expect(docs).toHaveLength(1);
    expect(docs[0]?._aws.CloudWatchMetrics[0]?.Metrics).toEqual([{ Name: 'RunsSkipped', Unit: 'Count' }]);
  });

  it('on a duplicate delivery: RunsDeduplicated only', async () => {
    await executeFire(deps, fire);
    metrics.flush();
    lines = [];
    await executeFire(deps, fire);
    const docs = documents();
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ RunsDeduplicated: 1 });
    expect(docs[0]?._aws.CloudWatchMetrics[0]?.Metrics).toEqual([
      { Name: 'RunsDeduplicated', Unit: 'Count' },
    ]);
  });

  it('carries many observations of one metric as an array, and starts a new document at 100', () => {
    for (let n = 0; n < 150; n++) metrics.add('FireLagSeconds', n, 'Seconds');
    const docs = documents();
    expect(docs).toHaveLength(2);
    expect(docs[0]?.FireLagSeconds).toHaveLength(100);
    expect(docs[1]?.FireLagSeconds).toHaveLength(50);
  });
});
