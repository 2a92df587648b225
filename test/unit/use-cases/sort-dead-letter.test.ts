import { beforeEach, describe, expect, it } from 'vitest';
import { type SortDeadLetterDeps, sortDeadLetter } from '../../../lambdas/use-cases/sort-dead-letter.js';
import {
  InMemoryDeadFireStore,
  InMemoryJobStore,
  InMemoryQuarantineQueue,
  ManualClock,
  RecordingMetrics,
} from '../../support/in-memory-ports.js';
import { jobFixture } from '../../support/job-fixture.js';

const A_JOB = '01JAAAAAAAAAAAAAAAAAAAAAAA';
const B_JOB = '01JBBBBBBBBBBBBBBBBBBBBBBB';
const SENT = Date.parse('2026-11-27T10:00:05Z');
const fireOf = (tenant: string, jobId: string) =>
  JSON.stringify({ jobId, tenant, revision: 1, scheduledTime: '2026-11-27T10:00:00.000Z' });
const letter = (body: string, messageId = 'm-1', reason?: string) => ({
  messageId,
  body,
  sentAtMs: SENT,
  receiveCount: 1,
  ...(reason ? { reason } : {}),
});

describe('sorting the DLQ into per-tenant dead fires', () => {
  let jobs: InMemoryJobStore;
  let deadFires: InMemoryDeadFireStore;
  let quarantine: InMemoryQuarantineQueue;
  let metrics: RecordingMetrics;
  let deps: SortDeadLetterDeps;
  beforeEach(() => {
    jobs = new InMemoryJobStore();
    jobs.jobs.set(A_JOB, jobFixture({ jobId: A_JOB, tenant: 'tenant-a' }));
    jobs.jobs.set(B_JOB, jobFixture({ jobId: B_JOB, tenant: 'tenant-b' }));
    deadFires = new InMemoryDeadFireStore();
    quarantine = new InMemoryQuarantineQueue();
    metrics = new RecordingMetrics();
    deps = { jobs, deadFires, quarantine, clock: new ManualClock(SENT + 60_000), metrics };
  });

  it('files a genuine dead fire under the tenant that owns its job, with its reason and times', async () => {
    const outcome = await sortDeadLetter(deps, letter(fireOf('tenant-a', A_JOB), 'm-1', 'AccessDenied'));
    expect(outcome).toEqual({ kind: 'filed', tenant: 'tenant-a', jobId: A_JOB });
    expect(deadFires.of('tenant-a')).toEqual([
      {
        id: '2026-11-27T10:00:05.000Z#m-1',
        tenant: 'tenant-a',
        messageId: 'm-1',
        fire: { jobId: A_JOB, tenant: 'tenant-a', revision: 1, scheduledTime: '2026-11-27T10:00:00.000Z' },
        reason: 'AccessDenied',
        sentAt: '2026-11-27T10:00:05.000Z',
        filedAt: '2026-11-27T10:01:05.000Z',
        receiveCount: 1,
      },
    ]);
    expect(deadFires.of('tenant-b')).toEqual([]);
    expect(quarantine.letters).toEqual([]);
    expect(metrics.names()).toEqual(['DeadLettersFiled']);
  });

  it('files a dead letter delivered twice once, and counts it once', async () => {
    const body = fireOf('tenant-a', A_JOB);
    expect((await sortDeadLetter(deps, letter(body))).kind).toBe('filed');
    expect((await sortDeadLetter(deps, { ...letter(body), receiveCount: 2 })).kind).toBe('already_filed');
    expect(deadFires.of('tenant-a')).toHaveLength(1);
    expect(metrics.names()).toEqual(['DeadLettersFiled']);
  });

  it.each([
    ['not JSON', '{not json'],
    ['not a fire message', JSON.stringify({ hello: 'world' })],
    ['a fire without a tenant', JSON.stringify({ jobId: A_JOB, revision: 1, scheduledTime: 'x' })],
    ['an empty body', ''],
  ])('quarantines %s, filed under nobody', async (_case, body) => {
    const outcome = await sortDeadLetter(deps, letter(body, 'm-9', 'malformed fire message: ...'));
    expect(outcome).toMatchObject({ kind: 'quarantined', reason: 'malformed' });
    expect(quarantine.letters).toEqual([
      {
        messageId: 'm-9',
        body,
        reason: 'malformed',
        detail: 'not a fire message',
        deadLetterReason: 'malformed fire message: ...',
      },
    ]);
    expect(deadFires.byTenant.size).toBe(0);
    expect(metrics.names()).toEqual(['DeadLettersQuarantined']);
  });

  it("quarantines a message naming tenant B with A's job: it lands in neither tenant's list", async () => {
    const outcome = await sortDeadLetter(deps, letter(fireOf('tenant-b', A_JOB)));
    expect(outcome).toMatchObject({ kind: 'quarantined', reason: 'tenant_mismatch' });
    expect(deadFires.of('tenant-a')).toEqual([]);
    expect(deadFires.of('tenant-b')).toEqual([]);
    expect(quarantine.letters.map((l) => l.reason)).toEqual(['tenant_mismatch']);
  });

  it('quarantines a fire of a job that does not exist: nobody can vouch for the tenant it names', async () => {
    const outcome = await sortDeadLetter(deps, letter(fireOf('tenant-b', '01JZZZZZZZZZZZZZZZZZZZZZZZ')));
    expect(outcome).toMatchObject({ kind: 'quarantined', reason: 'job_not_found' });
    expect(deadFires.of('tenant-b')).toEqual([]);
  });

  it('keeps only the start of an overlong reason', async () => {
    await sortDeadLetter(deps, letter(fireOf('tenant-a', A_JOB), 'm-1', 'x'.repeat(5000)));
    expect(deadFires.of('tenant-a')[0]?.reason).toHaveLength(256);
  });

  it('leaves a dead letter on the queue when the table cannot be reached (the handler reports it)', async () => {
    deadFires.file = async () => {
      throw Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' });
    };
    await expect(sortDeadLetter(deps, letter(fireOf('tenant-a', A_JOB)))).rejects.toThrow('throttled');
    expect(quarantine.letters).toEqual([]);
  });
});
