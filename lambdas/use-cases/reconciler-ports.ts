import type { RepairMarks } from './ports.js';

/** The reconciler's views of the job table that grow with what is due or marked, not with every job. */
export interface ReconcilerIndex extends RepairMarks {
  /** Ids of ACTIVE jobs whose next run falls in the minute starting at `minuteStartMs` (the due index). */
  dueJobIds(minuteStartMs: number): Promise<string[]>;
  /**
   * Job ids starting with `prefix`, sorted, at most `limit` (more exist when `limit` came back). Read from the
   * small per-job id items, never from the job items.
   */
  jobIdsWithPrefix(prefix: string, limit: number): Promise<string[]>;
  /** Writes the id item of a job that exists but has none (jobs stored before id items were kept). */
  restoreJobId(jobId: string): Promise<void>;
  /** Removes the id item of a job that no longer exists (a delete that raced a restore). */
  forgetJobId(jobId: string): Promise<void>;
  /** Jobs marked for repair, in job id order, at most `limit`. */
  marked(limit: number): Promise<string[]>;
  /** Clears a repair mark once the job was repaired. */
  unmark(jobId: string): Promise<void>;
}

/** Where each of the reconciler's passes stands between invocations. */
export interface ReconcilerState {
  /** The due pass: every minute bucket before this instant (ms) has been checked. */
  readonly dueCheckedBeforeMs?: number;
  /** The name comparison: prefixes still to compare (a stack, next last), and when this cycle began. */
  readonly names?: { readonly pending: readonly string[]; readonly startedAtMs: number };
  /** When the last name comparison cycle began (a new one starts `namePassEveryMs` after). */
  readonly namesLastStartedAtMs?: number;
  /** The deep comparison's place in the walk over every job. */
  readonly deepCursor?: string;
}

export interface ReconcilerStateStore {
  load(): Promise<ReconcilerState | undefined>;
  save(state: ReconcilerState): Promise<void>;
}
