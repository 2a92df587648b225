import { beforeEach, describe, expect, it } from 'vitest';
import {
  DependencyFailedError,
  JobCompletedError,
  RevisionMismatchError,
  ValidationError,
} from '../../../lambdas/domain/errors.js';
import type { Job } from '../../../lambdas/domain/job.js';
import { createJob } from '../../../lambdas/use-cases/create-job.js';
import { deleteJob } from '../../../lambdas/use-cases/delete-job.js';
import { pauseJob, resumeJob, updateJob } from '../../../lambdas/use-cases/update-job.js';
import { inMemoryApiDeps, webhookJob } from '../../support/use-case-deps.js';

describe('updateJob / pauseJob / resumeJob / deleteJob', () => {
  let env: ReturnType<typeof inMemoryApiDeps>;
  let job: Job;
  beforeEach(async () => {
    env = inMemoryApiDeps();
    ({ job } = await createJob(env.deps, 't', webhookJob()));
    env.clock.advance(90_000);
  });

  it('PUT replaces the spec, bumps the revision and updates the schedule with the new fire message', async () => {
    const updated = await updateJob(
      env.deps,
      't',
      job.jobId,
      webhookJob({ name: 'renamed', schedule: { expression: 'rate(5 minutes)' } }),
      1,
    );
    expect(updated).toMatchObject({
      name: 'renamed',
      revision: 2,
      status: 'ACTIVE',
      createdAt: job.createdAt,
    });
    expect(updated.scheduleAnchorAt).toBe('2026-11-27T10:01:30.000Z');
    expect(env.schedules.schedules.get(job.jobId)).toMatchObject({
      expression: 'rate(5 minutes)',
      revision: 2,
      enabled: true,
    });
  });

  it('PUT keeps the rate anchor when the schedule is unchanged', async () => {
    const updated = await updateJob(env.deps, 't', job.jobId, webhookJob({ payload: { v: 2 } }));
    expect(updated.scheduleAnchorAt).toBe(job.scheduleAnchorAt);
    expect(updated.nextRunAt).toBe('2026-11-27T10:02:00.000Z');
  });

  it('PUT with a stale If-Match answers 412 and changes nothing', async () => {
    await expect(updateJob(env.deps, 't', job.jobId, webhookJob({ name: 'x' }), 7)).rejects.toThrow(
      RevisionMismatchError,
    );
    expect((await env.jobs.get(job.jobId))?.revision).toBe(1);
  });

  it('PUT validates the body before anything else', async () => {
    await expect(updateJob(env.deps, 't', job.jobId, { name: 'x' })).rejects.toThrow(ValidationError);
  });

  it('restores the previous job when the schedule cannot be updated', async () => {
    env.schedules.failNext.add('update');
    await expect(updateJob(env.deps, 't', job.jobId, webhookJob({ name: 'renamed' }))).rejects.toThrow(
      DependencyFailedError,
    );
    expect(await env.jobs.get(job.jobId)).toEqual(job);
    expect(env.schedules.schedules.get(job.jobId)?.revision).toBe(1);
  });

  it('a second pause changes nothing: same revision, reason kept, schedule untouched', async () => {
    const first = await pauseJob(env.deps, 't', job.jobId, 'maintenance');
    env.clock.advance(1_000);
    const again = await pauseJob(env.deps, 't', job.jobId);
    const same = await pauseJob(env.deps, 't', job.jobId, 'maintenance');
    expect(again).toEqual(first);
    expect(same).toEqual(first);
    expect(await env.jobs.get(job.jobId)).toEqual(first);
    expect(env.schedules.schedules.get(job.jobId)).toMatchObject({ revision: 2, enabled: false });
  });

  it('a pause with a new reason on a paused job records the new reason as a change', async () => {
    await pauseJob(env.deps, 't', job.jobId, 'maintenance');
    const renamed = await pauseJob(env.deps, 't', job.jobId, 'incident 42');
    expect(renamed).toMatchObject({ status: 'PAUSED', pausedReason: 'incident 42', revision: 3 });
  });

  it('a second resume changes nothing: same revision, same next run', async () => {
    await pauseJob(env.deps, 't', job.jobId);
    const first = await resumeJob(env.deps, 't', job.jobId);
    env.clock.advance(120_000);
    const again = await resumeJob(env.deps, 't', job.jobId);
    expect(again).toEqual(first);
    expect(await env.jobs.get(job.jobId)).toEqual(first);
    expect(env.schedules.schedules.get(job.jobId)).toMatchObject({ revision: 3, enabled: true });
  });

  it('pause disables the schedule and records the reason; resume enables it and computes the next run', async () => {
    const paused = await pauseJob(env.deps, 't', job.jobId, 'maintenance');
    expect(paused).toMatchObject({ status: 'PAUSED', pausedReason: 'maintenance', revision: 2 });
    expect(paused.nextRunAt).toBeUndefined();
    expect(env.schedules.schedules.get(job.jobId)).toMatchObject({ enabled: false, revision: 2 });
    // A PUT while paused keeps it paused.
    const edited = await updateJob(env.deps, 't', job.jobId, webhookJob({ name: 'still paused' }));
    expect(edited).toMatchObject({ status: 'PAUSED', pausedReason: 'maintenance' });
    const resumed = await resumeJob(env.deps, 't', job.jobId);
    expect(resumed).toMatchObject({ status: 'ACTIVE', revision: 4, nextRunAt: '2026-11-27T10:02:00.000Z' });
    expect(resumed.pausedReason).toBeUndefined();
    expect(env.schedules.schedules.get(job.jobId)).toMatchObject({ enabled: true, revision: 4 });
  });

  it('pause and resume are idempotent', async () => {
    expect((await resumeJob(env.deps, 't', job.jobId)).revision).toBe(1);
    await pauseJob(env.deps, 't', job.jobId);
    expect((await pauseJob(env.deps, 't', job.jobId)).revision).toBe(2);
  });

  it('refuses to pause or resume a completed job', async () => {
    env.jobs.jobs.set(job.jobId, { ...job, status: 'COMPLETED' });
    await expect(pauseJob(env.deps, 't', job.jobId)).rejects.toThrow(JobCompletedError);
    await expect(resumeJob(env.deps, 't', job.jobId)).rejects.toThrow(JobCompletedError);
  });

  it('PUT reactivates a completed one-time job with a new time, recreating its deleted schedule', async () => {
    env.jobs.jobs.set(job.jobId, { ...job, status: 'COMPLETED' });
    env.schedules.schedules.delete(job.jobId); // a one-time schedule deletes itself after firing
    const updated = await updateJob(
      env.deps,
      't',
      job.jobId,
      webhookJob({ schedule: { expression: 'at(2026-12-01T00:00:00)' } }),
    );
    expect(updated.status).toBe('ACTIVE');
    expect(env.schedules.schedules.get(job.jobId)).toMatchObject({
      oneTime: true,
      expression: 'at(2026-12-01T00:00:00)',
    });
  });

  it('DELETE honours If-Match, and removes the schedule first', async () => {
    await expect(deleteJob(env.deps, 't', job.jobId, 2)).rejects.toThrow(RevisionMismatchError);
    expect(env.schedules.schedules.has(job.jobId)).toBe(true);
    env.schedules.failNext.add('delete');
    await expect(deleteJob(env.deps, 't', job.jobId, 1)).rejects.toThrow(DependencyFailedError);
    expect(env.jobs.jobs.has(job.jobId)).toBe(true);
    await deleteJob(env.deps, 't', job.jobId, 1);
    expect(env.jobs.jobs.has(job.jobId)).toBe(false);
    expect(env.schedules.schedules.has(job.jobId)).toBe(false);
  });

  it('DELETE closes the runs left waiting for a retry as SKIPPED job_deleted and leaves finished ones alone', async () => {
    const waiting = await env.runs.acquire({
      jobId: job.jobId,
      runId: '2026-11-27T10:01:00.000Z',
      scheduledTime: '2026-11-27T10:01:00.000Z',
      trigger: 'schedule',
      leaseMs: 25_000,
      nowMs: env.clock.nowMs(),
    });
    if (!waiting.acquired) throw new Error('lock not taken');
    await env.runs.recordAttempt({
      jobId: job.jobId,
      runId: '2026-11-27T10:01:00.000Z',
      leaseToken: waiting.leaseToken,
      attempt: 1,
      attemptStartedAtMs: env.clock.nowMs(),
      outcome: { durationMs: 5, statusCode: 500 },
      result: { status: 'RETRY', retryAtMs: env.clock.nowMs() + 60_000 },
      nowMs: env.clock.nowMs(),
    });
    await env.runs.recordSkip({
      jobId: job.jobId,
      runId: '2026-11-27T10:00:00.000Z',
      scheduledTime: '2026-11-27T10:00:00.000Z',
      trigger: 'schedule',
      reason: 'overlap',
      nowMs: env.clock.nowMs(),
    });
    await deleteJob(env.deps, 't', job.jobId);
    expect(await env.runs.get(job.jobId, '2026-11-27T10:01:00.000Z')).toMatchObject({
      status: 'SKIPPED',
      skipReason: 'job_deleted',
      finishedAt: '2026-11-27T10:01:30.000Z',
    });
    expect(await env.runs.get(job.jobId, '2026-11-27T10:00:00.000Z')).toMatchObject({
      skipReason: 'overlap',
    });
    expect([...env.runs.runs.values()].filter((run) => run.status === 'RUNNING')).toEqual([]);
  });
});
