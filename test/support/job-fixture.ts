import type { Job } from '../../lambdas/domain/job.js';

/** A stored job as the API would have written it: an hourly-ish webhook job, every field overridable. */
export function jobFixture(overrides: Partial<Job> = {}): Job {
  const at = '2026-11-27T10:00:00.000Z';
  return {
    jobId: '01JAAAAAAAAAAAAAAAAAAAAAAA',
    tenant: 'tenant-a',
    name: 'sync',
    schedule: { expression: 'rate(1 minute)', timezone: 'UTC' },
    target: {
      type: 'http',
      url: 'https://example.com/hook',
      method: 'POST',
      headers: {},
      timeoutSeconds: 10,
    },
    retryPolicy: { maxAttempts: 3, initialDelaySeconds: 10, maxDelaySeconds: 300, multiplier: 2 },
    overlap: 'allow',
    status: 'ACTIVE',
    revision: 1,
    createdAt: at,
    updatedAt: at,
    scheduleAnchorAt: at,
    ...overrides,
  };
}
