import { describe, expect, it } from 'vitest';
import { createJob } from '../../../lambdas/use-cases/create-job.js';
import { patchJob } from '../../../lambdas/use-cases/patch-job.js';
import { inMemoryApiDeps, webhookJob } from '../../support/use-case-deps.js';

describe('PATCH removing a member', () => {
  it('refuses null for a member no job has (a typo would otherwise change nothing and say nothing)', async () => {
    const { deps } = inMemoryApiDeps();
    const { job } = await createJob(deps, 'alpha', webhookJob());
    await expect(patchJob(deps, 'alpha', job.jobId, { descripton: null })).rejects.toMatchObject({
      code: 'validation_failed',
      fields: [{ path: 'descripton', message: 'Not a member of a job: there is nothing to remove.' }],
    });
  });

  it('removes an optional member the job has, and accepts removing one it lacks', async () => {
    const { deps } = inMemoryApiDeps();
    const { job } = await createJob(deps, 'alpha', { ...webhookJob(), description: 'nightly' });
    const patched = await patchJob(deps, 'alpha', job.jobId, { description: null, payload: null });
    expect(patched.description).toBeUndefined();
    expect(patched.revision).toBe(job.revision + 1);
  });
});
