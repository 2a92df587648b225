import { beforeEach, describe, expect, it } from 'vitest';
import { RevisionMismatchError, ValidationError } from '../../../lambdas/domain/errors.js';
import { firingOf } from '../../../lambdas/domain/firing.js';
import type { Job } from '../../../lambdas/domain/job.js';
import { applyMergePatch } from '../../../lambdas/domain/job-edits.js';
import { jobRepresentation } from '../../../lambdas/http/representations.js';
import { createJob } from '../../../lambdas/use-cases/create-job.js';
import { patchJob } from '../../../lambdas/use-cases/patch-job.js';
import { pauseJob, updateJob } from '../../../lambdas/use-cases/update-job.js';
import { inMemoryApiDeps, webhookJob } from '../../support/use-case-deps.js';

/** The field paths a rejected edit named. */
async function refusedFields(edit: Promise<unknown>): Promise<string[]> {
  const error = await edit.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fields.map((field) => field.path);
}

describe('forgiving edits: PUT with what a GET returned, PATCH with a merge patch', () => {
  let env: ReturnType<typeof inMemoryApiDeps>;
  let job: Job;
  beforeEach(async () => {
    env = inMemoryApiDeps();
    ({ job } = await createJob(env.deps, 't', webhookJob({ description: 'nightly sync' })));
    env.clock.advance(60_000);
  });

  const representation = () =>
    JSON.parse(JSON.stringify(jobRepresentation(job, firingOf(job, env.clock.nowMs())))) as Record<
      string,
      unknown
    >;

  it('a GET body edited and sent back as a PUT is accepted, read-only fields and all', async () => {
    const updated = await updateJob(env.deps, 't', job.jobId, { ...representation(), name: 'renamed' });
    expect(updated).toMatchObject({ name: 'renamed', revision: 2, description: 'nightly sync' });
  });

  it('accepts run bookkeeping that moved since the GET (next run, counters) and ignores it', async () => {
    const body = { ...representation(), nextRunAt: '2020-01-01T00:00:00.000Z', runsSucceeded: 99 };
    const updated = await updateJob(env.deps, 't', job.jobId, body);
    expect(updated.runsSucceeded).toBeUndefined();
    expect(updated.nextRunAt).not.toBe('2020-01-01T00:00:00.000Z');
  });

  it.each([
    ['status', 'PAUSED'],
    ['id', '01JZZZZZZZZZZZZZZZZZZZZZZZ'],
    ['createdAt', '2020-01-01T00:00:00.000Z'],
  ])('refuses a changed read-only field (%s) with a 400 naming it', async (field, value) => {
    const fields = await refusedFields(
      updateJob(env.deps, 't', job.jobId, { ...representation(), [field]: value }),
    );
    expect(fields).toEqual([field]);
    expect((await env.jobs.get(job.jobId))?.revision).toBe(1);
  });

  it('says how to change the status instead', async () => {
    const error = await updateJob(env.deps, 't', job.jobId, { ...representation(), status: 'PAUSED' }).catch(
      (caught: ValidationError) => caught,
    );
    expect((error as ValidationError).fields[0]?.message).toContain('/pause');
  });

  it('reads a stale revision in the body as a stale If-Match: 412, nothing written', async () => {
    await updateJob(env.deps, 't', job.jobId, webhookJob({ name: 'changed meanwhile' }));
    await expect(updateJob(env.deps, 't', job.jobId, { ...representation(), name: 'mine' })).rejects.toThrow(
      RevisionMismatchError,
    );
    expect((await env.jobs.get(job.jobId))?.name).toBe('changed meanwhile');
  });

  it('keeps refusing keys that are neither editable nor read-only', async () => {
    expect(
      await refusedFields(updateJob(env.deps, 't', job.jobId, { ...representation(), colour: 'red' })),
    ).toEqual(['(root)']);
  });

  it('PATCH changes only the fields named: schedule members merge, null removes, the rest is kept', async () => {
    const patched = await patchJob(env.deps, 't', job.jobId, {
      schedule: { timezone: 'europe/berlin' },
      description: null,
      payload: { extra: 1 },
    });
    expect(patched).toMatchObject({
      name: job.name,
      revision: 2,
      schedule: { expression: 'rate(1 minute)', timezone: 'Europe/Berlin' },
      target: job.target,
      payload: { hello: 'world', extra: 1 },
    });
    expect(patched.description).toBeUndefined();
    expect(env.schedules.schedules.get(job.jobId)).toMatchObject({ timezone: 'Europe/Berlin', revision: 2 });
  });

  it('PATCH with a stale If-Match answers 412 and changes nothing', async () => {
    await expect(patchJob(env.deps, 't', job.jobId, { name: 'x' }, 7)).rejects.toThrow(RevisionMismatchError);
    expect(await env.jobs.get(job.jobId)).toEqual(job);
  });

  it('PATCH keeps a paused job paused, with its reason', async () => {
    await pauseJob(env.deps, 't', job.jobId, 'holiday');
    expect(await patchJob(env.deps, 't', job.jobId, { name: 'while away' })).toMatchObject({
      status: 'PAUSED',
      pausedReason: 'holiday',
      name: 'while away',
    });
  });

  it('PATCH validates the merged job: removing a required field is a 400 naming it', async () => {
    expect(await refusedFields(patchJob(env.deps, 't', job.jobId, { name: null }))).toEqual(['name']);
  });

  it('PATCH refuses a changed read-only field like PUT', async () => {
    expect(await refusedFields(patchJob(env.deps, 't', job.jobId, { status: 'COMPLETED' }))).toEqual([
      'status',
    ]);
  });

  it('merges as RFC 7396 says (its appendix examples)', () => {
    expect(applyMergePatch({ a: 'b' }, { a: 'c' })).toEqual({ a: 'c' });
    expect(applyMergePatch({ a: 'b' }, { b: 'c' })).toEqual({ a: 'b', b: 'c' });
    expect(applyMergePatch({ a: 'b' }, { a: null })).toEqual({});
    expect(applyMergePatch({ a: 'b', b: 'c' }, { a: null })).toEqual({ b: 'c' });
    expect(applyMergePatch({ a: ['b'] }, { a: 'c' })).toEqual({ a: 'c' });
    expect(applyMergePatch({ a: 'c' }, { a: ['b'] })).toEqual({ a: ['b'] });
    expect(applyMergePatch({ a: { b: 'c' } }, { a: { b: 'd', c: null } })).toEqual({ a: { b: 'd' } });
    expect(applyMergePatch({ a: [{ b: 'c' }] }, { a: [1] })).toEqual({ a: [1] });
    expect(applyMergePatch(['a', 'b'], ['c', 'd'])).toEqual(['c', 'd']);
    expect(applyMergePatch({ a: 'b' }, ['c'])).toEqual(['c']);
    expect(applyMergePatch({ a: 'foo' }, null)).toBeNull();
    expect(applyMergePatch({ a: 'foo' }, 'bar')).toBe('bar');
    expect(applyMergePatch({ e: null }, { a: 1 })).toEqual({ e: null, a: 1 });
    expect(applyMergePatch([1, 2], { a: 'b', c: null })).toEqual({ a: 'b' });
    expect(applyMergePatch({}, { a: { bb: { ccc: null } } })).toEqual({ a: { bb: {} } });
  });
});
