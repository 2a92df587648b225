import { createJob } from '../../lambdas/use-cases/create-job.js';
import { type ReconcileOptions, reconcile } from '../../lambdas/use-cases/reconcile.js';
import { RecordingMetrics } from './in-memory-ports.js';
import { InMemoryReconcilerIndex, type InMemoryReconcilerState } from './in-memory-reconciler.js';
import { inMemoryApiDeps, webhookJob } from './use-case-deps.js';

/**
 * The reconciler over in-memory ports with a manual clock: `run` reconciles (the budget's waits move the clock,
 * no real waiting), `create` makes a job of tenant `t` through the API's use case, repair marks included.
 */
export function reconcilerTestbed<S extends InMemoryReconcilerState>(state: S) {
  const env = inMemoryApiDeps();
  const index = new InMemoryReconcilerIndex(env.jobs);
  const metrics = new RecordingMetrics();
  const run = (options: Partial<ReconcileOptions> = {}) =>
    reconcile(
      {
        jobs: env.jobs,
        runs: env.runs,
        schedules: env.schedules,
        dispatch: env.dispatch,
        state,
        index,
        clock: env.clock,
        metrics,
        sleep: async (ms) => env.clock.advance(ms),
      },
      { remainingMs: () => 60_000, schedulerRequestsPerSecond: 1000, ...options },
    );
  const create = async (overrides: Record<string, unknown> = {}) =>
    (await createJob({ ...env.deps, repairs: index }, 't', webhookJob(overrides))).job;
  return { env, index, state, metrics, run, create };
}
