import type { FireMessage } from '../../../lambdas/domain/fire-message.js';
import type { Job } from '../../../lambdas/domain/job.js';
import type { Page, PageRequest } from '../../../lambdas/domain/page.js';
import type {
  DispatchQueue,
  JobStore,
  RegisteredSchedule,
  RunStore,
  ScheduleRegistry,
  ScheduleSpec,
} from '../../../lambdas/use-cases/ports.js';
import type {
  ReconcilerIndex,
  ReconcilerState,
  ReconcilerStateStore,
} from '../../../lambdas/use-cases/reconciler-ports.js';
import type { ManualClock } from '../../support/in-memory-ports.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Bytes of a stored job item, and of a job id item / due index entry. */
const JOB_ITEM_BYTES = 1_500;
const ID_ITEM_BYTES = 40;

/** Per-call latency in simulated milliseconds, and requests per second allowed (us-east-1 defaults). */
export const SCHEDULER_LATENCY_MS = { GetSchedule: 20, ListSchedules: 40, write: 30 } as const;
export const SCHEDULER_QUOTA_RPS = 1_000;
const DYNAMODB_LATENCY_MS = { item: 5, batch: 10, query: 6, scan: 15 } as const;
/** Both reconcilers make GetSchedule calls 8 at a time: each costs an eighth of its latency in wall time. */
const GET_PARALLELISM = 8;

/** What the simulated services were asked for. */
export class Meter {
  rcu = 0;
  wcu = 0;
  throttled = 0;
  readonly scheduler: Record<string, number> = {};
  count(operation: string) {
    this.scheduler[operation] = (this.scheduler[operation] ?? 0) + 1;
  }
  snapshot() {
    return { rcu: this.rcu, wcu: this.wcu, throttled: this.throttled, scheduler: { ...this.scheduler } };
  }
}
export type MeterSnapshot = ReturnType<Meter['snapshot']>;

/** A ULID-shaped id: 10 characters of creation time, then 16 derived from `n` (unique, sortable by time). */
function idOf(createdMs: number, n: number): string {
  let time = '';
  for (let k = 0, t = createdMs; k < 10; k++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time;
  let rest = '';
  for (let k = 0, r = n * 2_654_435_761 + 12_345; k < 16; k++, r = Math.floor(r / 32) + k * 7_919)
    rest += CROCKFORD[r % 32];
  return time + rest;
}

/**
 * N ACTIVE `rate(1 hour)` jobs created over the past year, their fires spread evenly over the hour, all firing
 * on time (so each job's next run is always the next point of its grid) except where a test broke one: a
 * deleted schedule, a dropped fire. Jobs are made on demand from their index; only what deviates is stored,
 * so a million jobs fit in memory. Every call is metered (DynamoDB units, Scheduler calls) and moves the
 * simulated clock by its latency.
 */
export class SimulatedWorld {
  readonly ids: string[];
  readonly meter = new Meter();
  /** Stored next runs that deviate from the grid (a fire that never came). */
  readonly staleNextRun = new Map<string, string>();
  readonly deletedSchedules = new Set<string>();
  readonly caughtUp: Array<{ jobId: string; scheduledTime: string; atMs: number }> = [];
  private readonly quotaWindow = { second: 0, calls: 0 };

  constructor(
    readonly size: number,
    readonly clock: ManualClock,
  ) {
    const yearMs = 365 * 24 * HOUR;
    this.ids = Array.from({ length: size }, (_, n) =>
      idOf(clock.now - yearMs + Math.floor((n * yearMs) / size), n),
    );
  }

  /** The job's fires fall at this offset into each hour. */
  private anchorMs(index: number): number {
    return Date.UTC(2025, 0, 1) + Math.floor((index * HOUR) / this.size);
  }

  indexOf(jobId: string): number {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.ids[mid] as string) < jobId) lo = mid + 1;
      else hi = mid;
    }
    return this.ids[lo] === jobId ? lo : -1;
  }

  lowerBound(prefix: string): number {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.ids[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  nextFireMs(index: number, afterMs: number): number {
    const anchor = this.anchorMs(index);
    return anchor + (Math.floor((afterMs - anchor) / HOUR) + 1) * HOUR;
  }

  job(index: number): Job {
    const jobId = this.ids[index] as string;
    const anchor = new Date(this.anchorMs(index)).toISOString();
    return {
      jobId,
      tenant: 't',
      name: `job ${index}`,
      schedule: { expression: 'rate(1 hour)', timezone: 'UTC' },
      target: {
        type: 'http',
        url: 'https://example.com/hook',
        method: 'POST',
        headers: {},
        timeoutSeconds: 5,
      },
      retryPolicy: { maxAttempts: 3, initialDelaySeconds: 10, maxDelaySeconds: 300, multiplier: 2 },
      overlap: 'allow',
      misfirePolicy: 'fire_once',
      status: 'ACTIVE',
      revision: 1,
      createdAt: anchor,
      updatedAt: anchor,
      scheduleAnchorAt: anchor,
      nextRunAt:
        this.staleNextRun.get(jobId) ?? new Date(this.nextFireMs(index, this.clock.now)).toISOString(),
    };
  }

  /** Drops job `index`'s next fire (its schedule intact): its next run stays where the fire should have been. */
  dropNextFire(index: number): { jobId: string; missedAtMs: number } {
    const jobId = this.ids[index] as string;
    const missedAtMs = this.nextFireMs(index, this.clock.now);
    this.staleNextRun.set(jobId, new Date(missedAtMs).toISOString());
    return { jobId, missedAtMs };
  }

  spend(ms: number) {
    this.clock.advance(ms);
  }

  /** One Scheduler call: counted, quota-checked (a throttled call waits for the next second), and timed. */
  scheduler(operation: string, latencyMs: number) {
    this.meter.count(operation);
    const second = Math.floor(this.clock.now / 1000);
    if (second !== this.quotaWindow.second) Object.assign(this.quotaWindow, { second, calls: 0 });
    if (++this.quotaWindow.calls > SCHEDULER_QUOTA_RPS) {
      this.meter.throttled++;
      this.clock.now = (second + 1) * 1000;
    }
    this.spend(latencyMs);
  }

  readonly jobs: JobStore = {
    create: async () => {
      throw new Error('not simulated');
    },
    list: async () => {
      throw new Error('not simulated');
    },
    replace: async () => false,
    delete: async () => false,
    getIdempotencyRecord: async () => undefined,
    recordRunResult: async () => undefined,
    countSkippedRun: async () => {
      this.meter.wcu += 2;
    },
    get: async (jobId) => {
      this.meter.rcu += 1;
      this.spend(DYNAMODB_LATENCY_MS.item);
      const index = this.indexOf(jobId);
      return index < 0 ? undefined : this.job(index);
    },
    getMany: async (jobIds) => {
      this.meter.rcu += jobIds.length; // consistent reads of items under 4 KB
      this.spend(DYNAMODB_LATENCY_MS.batch);
      const found = new Map<string, Job>();
      for (const jobId of jobIds) {
        const index = this.indexOf(jobId);
        if (index >= 0) found.set(jobId, this.job(index));
      }
      return found;
    },
    scan: async (page: PageRequest): Promise<Page<Job>> => {
      const start = page.cursor ? Number(page.cursor) : 0;
      const end = Math.min(start + page.limit, this.size);
      // Eventually consistent reads of the tenant index (every attribute projected).
      this.meter.rcu += Math.ceil(((end - start) * JOB_ITEM_BYTES) / 4096) * 0.5;
      this.spend(DYNAMODB_LATENCY_MS.scan);
      const items = Array.from({ length: end - start }, (_, k) => this.job(start + k));
      return { items, ...(end < this.size ? { nextCursor: String(end) } : {}) };
    },
    setNextRunAt: async (jobId) => {
      // The job item (2 units) and its entries in the tenant index (2) and the due index (2).
      this.meter.wcu += 6;
      this.spend(DYNAMODB_LATENCY_MS.item);
      // Caught up (its schedule recreated if it was gone): from here on its fires come on time.
      this.staleNextRun.delete(jobId);
    },
  };

  readonly runs: RunStore = {
    acquire: async () => {
      throw new Error('not simulated');
    },
    recordAttempt: async () => false,
    recordSkip: async () => {
      this.meter.wcu += 1;
      return true;
    },
    closeOpenRuns: async () => 0,
    hasLiveRun: async () => false,
    get: async () => {
      this.meter.rcu += 1;
      this.spend(DYNAMODB_LATENCY_MS.item);
      return undefined;
    },
    list: async () => ({ items: [] }),
  };

  readonly dispatch: DispatchQueue = {
    send: async (message: FireMessage) => {
      this.spend(DYNAMODB_LATENCY_MS.item);
      this.caughtUp.push({
        jobId: message.jobId,
        scheduledTime: message.scheduledTime,
        atMs: this.clock.now,
      });
    },
  };

  readonly schedules: ScheduleRegistry = {
    create: async (spec: ScheduleSpec) => {
      this.scheduler('CreateSchedule', SCHEDULER_LATENCY_MS.write);
      this.deletedSchedules.delete(spec.jobId);
    },
    update: async () => {
      this.scheduler('UpdateSchedule', SCHEDULER_LATENCY_MS.write);
    },
    delete: async (jobId) => {
      this.scheduler('DeleteSchedule', SCHEDULER_LATENCY_MS.write);
      this.deletedSchedules.add(jobId);
    },
    describe: async (jobId): Promise<RegisteredSchedule | undefined> => {
      this.scheduler('GetSchedule', SCHEDULER_LATENCY_MS.GetSchedule / GET_PARALLELISM);
      if (this.deletedSchedules.has(jobId) || this.indexOf(jobId) < 0) return undefined;
      return { expression: 'rate(1 hour)', timezone: 'UTC', enabled: true, revision: 1 };
    },
    listNames: async (pageToken, prefix = '') => {
      this.scheduler('ListSchedules', SCHEDULER_LATENCY_MS.ListSchedules);
      let at = pageToken ? Number(pageToken) : this.lowerBound(prefix);
      const names: string[] = [];
      while (at < this.size && names.length < 100 && (this.ids[at] as string).startsWith(prefix)) {
        const name = this.ids[at++] as string;
        if (!this.deletedSchedules.has(name)) names.push(name);
      }
      const more = at < this.size && (this.ids[at] as string).startsWith(prefix);
      return { names, ...(more ? { nextToken: String(at) } : {}) };
    },
  };

  readonly index: ReconcilerIndex = {
    dueJobIds: async (minuteStartMs) => {
      // Ten shard queries, eventually consistent, at least half a unit each.
      this.meter.rcu += 10 * 0.5;
      this.spend(DYNAMODB_LATENCY_MS.query);
      return [...this.staleNextRun]
        .filter(([, nextRunAt]) => Math.floor(Date.parse(nextRunAt) / MINUTE) * MINUTE === minuteStartMs)
        .map(([jobId]) => jobId);
    },
    jobIdsWithPrefix: async (prefix, limit) => {
      const start = this.lowerBound(prefix);
      const ids: string[] = [];
      for (let at = start; at < this.size && ids.length < limit; at++) {
        const id = this.ids[at] as string;
        if (!id.startsWith(prefix)) break;
        ids.push(id);
      }
      // Four shard queries, consistent: a unit per 4 KB read, at least one each.
      this.meter.rcu += 4 * Math.max(1, Math.ceil(((ids.length / 4) * ID_ITEM_BYTES) / 4096));
      this.spend(DYNAMODB_LATENCY_MS.query);
      return ids;
    },
    restoreJobId: async () => {
      this.meter.wcu += 1;
    },
    forgetJobId: async () => {
      this.meter.wcu += 1;
    },
    mark: async () => {
      this.meter.wcu += 1;
    },
    marked: async () => {
      this.meter.rcu += 1;
      this.spend(DYNAMODB_LATENCY_MS.query);
      return [];
    },
    unmark: async () => {
      this.meter.wcu += 1;
    },
  };

  /** A state store for either reconciler, metered by the size of what it saves. */
  stateStore<T extends object>(): {
    load(): Promise<T | undefined>;
    save(state: T | undefined): Promise<void>;
  } {
    let saved: string | undefined;
    return {
      load: async () => {
        this.meter.rcu += 1;
        this.spend(DYNAMODB_LATENCY_MS.item);
        return saved === undefined ? undefined : (JSON.parse(saved) as T);
      },
      save: async (state) => {
        saved = state === undefined ? undefined : JSON.stringify(state);
        this.meter.wcu += Math.max(1, Math.ceil((saved?.length ?? 0) / 1024));
        this.spend(DYNAMODB_LATENCY_MS.item);
      },
    };
  }
}

export type { ReconcilerState, ReconcilerStateStore };
