import { ulid } from 'ulid';
import type { ApiDeps } from '../../lambdas/http/api-router.js';
import { noMetrics, noRateLimits } from '../../lambdas/use-cases/ports.js';
import {
  InMemoryDeadFireStore,
  InMemoryDispatchQueue,
  InMemoryJobStore,
  InMemoryRunStore,
  InMemoryScheduleRegistry,
  ManualClock,
} from './in-memory-ports.js';
import { InMemorySigningGenerations, TEST_MASTER_KEY } from './in-memory-signing.js';
import { RECEIVER_HOSTS } from './webhook-receiver.js';

export const NOW = Date.parse('2026-11-27T10:00:00Z');

/** Every port of the API, in memory, with a hand-moved clock. */
export function inMemoryApiDeps(overrides: Partial<ApiDeps> = {}) {
  const jobs = new InMemoryJobStore();
  const schedules = new InMemoryScheduleRegistry();
  const runs = new InMemoryRunStore();
  const dispatch = new InMemoryDispatchQueue();
  const clock = new ManualClock(NOW);
  const deadFires = new InMemoryDeadFireStore();
  const signingGenerations = new InMemorySigningGenerations();
  const deps: ApiDeps = {
    jobs,
    schedules,
    runs,
    dispatch,
    deadFires,
    clock,
    newJobId: () => ulid(clock.now),
    targetPolicy: {
      insecureHostsAllowed: RECEIVER_HOSTS,
      arnAllowlist: ['arn:aws:sqs:*:123456789012:*'],
      serviceResourcePrefix: 'Scheduler-',
    },
    jobQuota: 1000,
    rateLimiter: noRateLimits,
    health: { check: async () => ({ table: { ok: true } }) },
    version: 'test',
    metrics: noMetrics,
    signingGenerations,
    signingMasterKey: async () => TEST_MASTER_KEY,
    ...overrides,
  };
  return { deps, jobs, schedules, runs, dispatch, deadFires, clock, signingGenerations };
}

export const webhookJob = (overrides: Record<string, unknown> = {}) => ({
  name: 'sync',
  schedule: { expression: 'rate(1 minute)' },
  target: { type: 'http', url: 'https://example.com/hook' },
  payload: { hello: 'world' },
  ...overrides,
});
