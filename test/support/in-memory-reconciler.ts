import type {
  ReconcilerIndex,
  ReconcilerState,
  ReconcilerStateStore,
} from '../../lambdas/use-cases/reconciler-ports.js';
import type { InMemoryJobStore } from './in-memory-ports.js';

const MINUTE_MS = 60_000;

/**
 * The reconciler's index over an in-memory job store, kept as DynamoDB keeps it: the due index holds ACTIVE
 * jobs with a next run; id items exist for every job unless a test removed one (`withoutIdItem`).
 */
export class InMemoryReconcilerIndex implements ReconcilerIndex {
  readonly marks = new Map<string, string>();
  /** Jobs whose id item is missing (stored before id items were kept). */
  readonly withoutIdItem = new Set<string>();
  /** Id items left behind by a job that is gone. */
  readonly strayIdItems = new Set<string>();
  readonly calls = { dueJobIds: 0, jobIdsWithPrefix: 0 };

  constructor(private readonly jobs: InMemoryJobStore) {}

  async dueJobIds(minuteStartMs: number): Promise<string[]> {
    this.calls.dueJobIds++;
    return [...this.jobs.jobs.values()]
      .filter((job) => job.status === 'ACTIVE' && job.nextRunAt)
      .filter(
        (job) => Math.floor(Date.parse(job.nextRunAt as string) / MINUTE_MS) * MINUTE_MS === minuteStartMs,
      )
      .map((job) => job.jobId);
  }

  async jobIdsWithPrefix(prefix: string, limit: number): Promise<string[]> {
    this.calls.jobIdsWithPrefix++;
    return [...this.jobs.jobs.keys(), ...this.strayIdItems]
      .filter((id) => id.startsWith(prefix) && !this.withoutIdItem.has(id))
      .sort()
      .slice(0, limit);
  }

  async restoreJobId(jobId: string): Promise<void> {
    this.withoutIdItem.delete(jobId);
  }

  async forgetJobId(jobId: string): Promise<void> {
    this.strayIdItems.delete(jobId);
  }

  async mark(jobId: string, reason: string): Promise<void> {
    this.marks.set(jobId, reason);
  }

  async marked(limit: number): Promise<string[]> {
    return [...this.marks.keys()].sort().slice(0, limit);
  }

  async unmark(jobId: string): Promise<void> {
    this.marks.delete(jobId);
  }
}

/** The reconciler's saved state, in memory. */
export class InMemoryReconcilerState implements ReconcilerStateStore {
  state: ReconcilerState | undefined;
  saves = 0;
  async load() {
    return this.state && structuredClone(this.state);
  }
  async save(state: ReconcilerState) {
    this.saves++;
    this.state = structuredClone(state);
  }
}
