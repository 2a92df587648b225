import type { DeadFire } from '../../lambdas/domain/dead-fire.js';
import { QuotaExceededError } from '../../lambdas/domain/errors.js';
import type { FireMessage } from '../../lambdas/domain/fire-message.js';
import type { Job } from '../../lambdas/domain/job.js';
import type { Page, PageRequest } from '../../lambdas/domain/page.js';
import { canTakeRunLock, type Run } from '../../lambdas/domain/run.js';
import {
  type AcquireRunRequest,
  type CallOutcome,
  type Clock,
  type DeadFireStore,
  type DispatchQueue,
  IdempotencyKeyTakenError,
  type IdempotencyRecord,
  type JobFilter,
  type JobRunResult,
  type JobStore,
  type LockAttempt,
  type Metrics,
  type QuarantinedLetter,
  type QuarantineQueue,
  type RecordAttemptRequest,
  type RecordSkipRequest,
  type RegisteredSchedule,
  type RunEvent,
  type RunEventPublisher,
  type RunStore,
  ScheduleNotFoundError,
  type ScheduleRegistry,
  type ScheduleSpec,
  type TargetCaller,
  type TargetCallRequest,
} from '../../lambdas/use-cases/ports.js';

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(public now: number) {}
  nowMs(): number {
    return this.now;
  }
  advance(ms: number): void {
    this.now += ms;
  }
}

/** Offset-based cursors: enough to exercise pagination without DynamoDB. */
function pageOf<T>(items: T[], page: PageRequest): Page<T> {
  const start = page.cursor ? Number(page.cursor) : 0;
  const slice = items.slice(start, start + page.limit);
  const next = start + page.limit < items.length ? String(start + page.limit) : undefined;
  return { items: slice, ...(next ? { nextCursor: next } : {}) };
}

export class InMemoryJobStore implements JobStore {
  readonly jobs = new Map<string, Job>();
  readonly keys = new Map<string, IdempotencyRecord>();
  readonly counts = new Map<string, number>();

  async create(
    job: Job,
    options: { quota: number; idempotency?: IdempotencyRecord & { expiresAtMs: number } },
  ) {
    if (this.jobs.has(job.jobId)) throw new Error('ConditionalCheckFailedException');
    if ((this.counts.get(job.tenant) ?? 0) >= options.quota) throw new QuotaExceededError(options.quota);
    const keyId = options.idempotency && `${job.tenant}|${options.idempotency.key}`;
    if (keyId && this.keys.has(keyId)) throw new IdempotencyKeyTakenError();
    this.jobs.set(job.jobId, structuredClone(job));
    this.counts.set(job.tenant, (this.counts.get(job.tenant) ?? 0) + 1);
    if (keyId && options.idempotency) {
      const { expiresAtMs: _e, ...record } = options.idempotency;
      this.keys.set(keyId, record);
    }
  }
  async get(jobId: string) {
    const job = this.jobs.get(jobId);
    return job && structuredClone(job);
  }
  async list(tenant: string, filter: JobFilter, page: PageRequest) {
    const jobs = [...this.jobs.values()]
      .filter((job) => job.tenant === tenant)
      .filter((job) => !filter.status || job.status === filter.status)
      .filter((job) => !filter.namePrefix || job.name.startsWith(filter.namePrefix))
      .filter((job) => !filter.lastRunStatus || job.lastRunStatus === filter.lastRunStatus)
      .sort((a, b) => (a.createdAt + a.jobId < b.createdAt + b.jobId ? 1 : -1));
    return pageOf(jobs, page);
  }
  async replace(job: Job, expectedRevision: number) {
    const current = this.jobs.get(job.jobId);
    if (!current || current.revision !== expectedRevision || current.tenant !== job.tenant) return false;
    this.jobs.set(job.jobId, structuredClone(job));
    return true;
  }
  async delete(job: Pick<Job, 'jobId' | 'tenant'>, expectedRevision: number, key?: string) {
    const current = this.jobs.get(job.jobId);
    if (!current || current.revision !== expectedRevision) return false;
    this.jobs.delete(job.jobId);
    this.counts.set(job.tenant, (this.counts.get(job.tenant) ?? 1) - 1);
    if (key) this.keys.delete(`${job.tenant}|${key}`);
    return true;
  }
  async scan(page: PageRequest) {
    return pageOf(
      [...this.jobs.values()].sort((a, b) => (a.jobId < b.jobId ? -1 : 1)),
      page,
    );
  }
  async getMany(jobIds: readonly string[]) {
    return new Map(
      jobIds.flatMap((id) =>
        this.jobs.has(id) ? [[id, structuredClone(this.jobs.get(id) as Job)] as const] : [],
      ),
    );
  }
  async setNextRunAt(jobId: string, revision: number, nextRunAt: string | undefined) {
    const job = this.jobs.get(jobId);
    if (!job || job.revision !== revision) return;
    const { nextRunAt: _old, ...rest } = job;
    this.jobs.set(jobId, { ...rest, ...(nextRunAt ? { nextRunAt } : {}) });
  }
  async getIdempotencyRecord(tenant: string, key: string) {
    return this.keys.get(`${tenant}|${key}`);
  }
  async countSkippedRun(jobId: string, skip?: { reason: string; at: string }) {
    const job = this.jobs.get(jobId);
    if (!job) return;
    const last = skip ? { lastSkipReason: skip.reason, lastSkippedAt: skip.at } : {};
    this.jobs.set(jobId, { ...job, runsSkipped: (job.runsSkipped ?? 0) + 1, ...last });
  }
  async recordRunResult(jobId: string, result: JobRunResult) {
    const job = this.jobs.get(jobId);
    if (!job) return;
    const counter = result.lastRunStatus === 'SUCCEEDED' ? 'runsSucceeded' : 'runsFailed';
    const counted = { ...job, [counter]: (job[counter] ?? 0) + 1 };
    const newer = !job.lastRunAt || job.lastRunAt <= result.lastRunAt;
    if (job.revision !== result.revision || !newer) {
      // Like the DynamoDB store: count it, move the last run forward if newer, leave next run and status.
      this.jobs.set(
        jobId,
        newer ? { ...counted, lastRunAt: result.lastRunAt, lastRunStatus: result.lastRunStatus } : counted,
      );
      return;
    }
    const { nextRunAt: _previous, ...rest } = counted;
    this.jobs.set(jobId, {
      ...rest,
      lastRunAt: result.lastRunAt,
      lastRunStatus: result.lastRunStatus,
      ...(result.nextRunAt ? { nextRunAt: result.nextRunAt } : {}),
      ...(result.completed ? { status: 'COMPLETED' as const } : {}),
    });
  }
}

export class InMemoryScheduleRegistry implements ScheduleRegistry {
  readonly schedules = new Map<string, ScheduleSpec>();
  /** Names of the operations that fail on their next call. */
  readonly failNext = new Set<'create' | 'update' | 'delete'>();

  private fail(operation: 'create' | 'update' | 'delete') {
    if (this.failNext.delete(operation))
      throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
  }
  async create(spec: ScheduleSpec) {
    this.fail('create');
    if (this.schedules.has(spec.jobId))
      throw Object.assign(new Error('exists'), { name: 'ConflictException' });
    this.schedules.set(spec.jobId, spec);
  }
  async update(spec: ScheduleSpec) {
    this.fail('update');
    if (!this.schedules.has(spec.jobId)) throw new ScheduleNotFoundError('gone');
    this.schedules.set(spec.jobId, spec);
  }
  async delete(jobId: string) {
    this.fail('delete');
    this.schedules.delete(jobId);
  }
  async describe(jobId: string): Promise<RegisteredSchedule | undefined> {
    this.calls.describe++;
    const spec = this.schedules.get(jobId);
    if (!spec) return undefined;
    return {
      expression: spec.expression,
      timezone: spec.timezone,
      enabled: spec.enabled,
      revision: spec.revision,
      ...(spec.startAt ? { startAt: spec.startAt } : {}),
      ...(spec.endAt ? { endAt: spec.endAt } : {}),
    };
  }
  /** Calls by operation, for tests that count what a pass cost. */
  readonly calls = { describe: 0, listNames: 0 };
  async listNames(pageToken?: string, prefix = '') {
    this.calls.listNames++;
    const names = [...this.schedules.keys()].filter((name) => name.startsWith(prefix)).sort();
    const start = pageToken ? Number(pageToken) : 0;
    const next = start + 100 < names.length ? String(start + 100) : undefined;
    return { names: names.slice(start, start + 100), ...(next ? { nextToken: next } : {}) };
  }
}

export class InMemoryDispatchQueue implements DispatchQueue {
  readonly messages: FireMessage[] = [];
  async send(message: FireMessage) {
    this.messages.push(message);
  }
}

/** Follows the same lock rule as the DynamoDB store, through the domain's `canTakeRunLock`. */
export class InMemoryRunStore implements RunStore {
  readonly runs = new Map<string, Run & { leaseToken?: string }>();
  private tokens = 0;
  private key = (jobId: string, runId: string) => `${jobId}|${runId}`;

  async acquire(request: AcquireRunRequest): Promise<LockAttempt> {
    const key = this.key(request.jobId, request.runId);
    const existing = this.runs.get(key);
    if (!canTakeRunLock(existing, request.nowMs)) return { acquired: false, holder: existing };
    const leaseToken = `token-${++this.tokens}`;
    const attempt = (existing?.attempt ?? 0) + 1;
    this.runs.set(key, {
      ...existing,
      jobId: request.jobId,
      runId: request.runId,
      scheduledTime: request.scheduledTime,
      trigger: request.trigger,
      status: 'RUNNING',
      attempt,
      leaseToken,
      leaseExpiresAtMs: request.nowMs + request.leaseMs,
      startedAt: existing?.startedAt ?? new Date(request.nowMs).toISOString(),
    });
    return { acquired: true, leaseToken, attempt };
  }

  async recordAttempt(request: RecordAttemptRequest): Promise<boolean> {
    const key = this.key(request.jobId, request.runId);
    const existing = this.runs.get(key);
    if (!existing || existing.leaseToken !== request.leaseToken) return false;
    // Like the DynamoDB store: a retry never opens again a run closed meanwhile.
    if (request.result.status === 'RETRY' && existing.status !== 'RUNNING') return false;
    const attempts = [
      ...(existing.attempts ?? []),
      {
        attempt: request.attempt,
        startedAt: new Date(request.attemptStartedAtMs).toISOString(),
        outcome: request.outcome,
      },
    ];
    const { leaseExpiresAtMs: _lease, nextAttemptAt: _next, ...rest } = existing;
    if (request.result.status === 'RETRY') {
      this.runs.set(key, {
        ...rest,
        status: 'RUNNING',
        outcome: request.outcome,
        attempts,
        leaseExpiresAtMs: request.result.retryAtMs,
        nextAttemptAt: new Date(request.result.retryAtMs).toISOString(),
      });
    } else {
      this.runs.set(key, {
        ...rest,
        status: request.result.status,
        outcome: request.outcome,
        attempts,
        finishedAt: new Date(request.nowMs).toISOString(),
      });
    }
    return true;
  }

  async recordSkip(request: RecordSkipRequest, options: { onlyExisting?: boolean } = {}) {
    const key = this.key(request.jobId, request.runId);
    const existing = this.runs.get(key);
    const at = new Date(request.nowMs).toISOString();
    if (existing) {
      // Close a run left waiting (RUNNING, lease or retry time passed); never touch a live or finished one.
      if (!canTakeRunLock(existing, request.nowMs)) return false;
      const { leaseExpiresAtMs: _lease, nextAttemptAt: _next, ...rest } = existing;
      this.runs.set(key, { ...rest, status: 'SKIPPED', skipReason: request.reason, finishedAt: at });
      return true;
    }
    if (options.onlyExisting) return false;
    this.runs.set(key, {
      jobId: request.jobId,
      runId: request.runId,
      scheduledTime: request.scheduledTime,
      trigger: request.trigger,
      status: 'SKIPPED',
      skipReason: request.reason,
      attempt: 0,
      startedAt: at,
      finishedAt: at,
    });
    return true;
  }

  async closeOpenRuns(
    jobId: string,
    reason: string,
    nowMs: number,
    options: { leaseExpiredOnly?: boolean } = {},
  ): Promise<number> {
    let closed = 0;
    for (const [key, run] of this.runs) {
      if (run.jobId !== jobId || run.status !== 'RUNNING') continue;
      if (options.leaseExpiredOnly && !canTakeRunLock(run, nowMs)) continue;
      const { leaseExpiresAtMs: _lease, nextAttemptAt: _next, ...rest } = run;
      this.runs.set(key, {
        ...rest,
        status: 'SKIPPED',
        skipReason: reason,
        finishedAt: new Date(nowMs).toISOString(),
      });
      closed++;
    }
    return closed;
  }

  async hasLiveRun(jobId: string, exceptRunId: string, nowMs: number): Promise<boolean> {
    return [...this.runs.values()].some(
      (run) =>
        run.jobId === jobId &&
        run.runId !== exceptRunId &&
        run.status === 'RUNNING' &&
        (run.leaseExpiresAtMs ?? 0) >= nowMs,
    );
  }

  async get(jobId: string, runId: string) {
    const run = this.runs.get(this.key(jobId, runId));
    if (!run) return undefined;
    const { leaseToken: _token, ...rest } = run;
    return rest;
  }

  async list(jobId: string, page: PageRequest) {
    const runs = [...this.runs.values()]
      .filter((run) => run.jobId === jobId)
      .sort((a, b) => (a.runId < b.runId ? 1 : -1));
    return pageOf(runs, page);
  }
}

/** Collects the run events the executor publishes. */
export class RecordingRunEvents implements RunEventPublisher {
  readonly events: RunEvent[] = [];
  async publish(event: RunEvent) {
    this.events.push(event);
  }
}

/** A target that records calls and answers with the queued results (default: success). */
export class FakeTargets implements TargetCaller {
  readonly calls: TargetCallRequest[] = [];
  readonly answers: Array<Omit<CallOutcome, 'durationMs'>> = [];
  async call(request: TargetCallRequest): Promise<CallOutcome> {
    this.calls.push(request);
    const answer = this.answers.shift() ?? { ok: true, statusCode: 200 };
    return { durationMs: 5, ...answer };
  }
}

/** Metrics kept in memory, by name. */
export class RecordingMetrics implements Metrics {
  readonly observations: Array<{
    name: string;
    value: number;
    unit: string;
    dimensions?: Readonly<Record<string, string>>;
  }> = [];
  add(name: string, value: number, unit: string, dimensions?: Readonly<Record<string, string>>) {
    this.observations.push({ name, value, unit, ...(dimensions ? { dimensions } : {}) });
  }
  /** The metric names observed, in order. */
  names(): string[] {
    return this.observations.map((observation) => observation.name);
  }
}

/** Dead fires in memory, one partition per tenant like the table; `file` is idempotent like its conditional put. */
export class InMemoryDeadFireStore implements DeadFireStore {
  readonly byTenant = new Map<string, Map<string, DeadFire>>();
  private partition(tenant: string) {
    let partition = this.byTenant.get(tenant);
    if (!partition) {
      partition = new Map();
      this.byTenant.set(tenant, partition);
    }
    return partition;
  }
  /** The tenant's dead fires, oldest first. */
  of(tenant: string): DeadFire[] {
    return [...this.partition(tenant).values()].sort((a, b) => a.id.localeCompare(b.id));
  }
  async file(deadFire: DeadFire) {
    const partition = this.partition(deadFire.tenant);
    if (partition.has(deadFire.id)) return false;
    partition.set(deadFire.id, structuredClone(deadFire));
    return true;
  }
  async list(tenant: string, page: PageRequest) {
    return pageOf(this.of(tenant).reverse(), page);
  }
  async oldest(tenant: string, limit: number) {
    return this.of(tenant).slice(0, limit);
  }
  async get(tenant: string, id: string) {
    return this.partition(tenant).get(id);
  }
  async remove(tenant: string, id: string) {
    this.partition(tenant).delete(id);
  }
}

/** The operators' quarantine queue in memory. */
export class InMemoryQuarantineQueue implements QuarantineQueue {
  readonly letters: QuarantinedLetter[] = [];
  async send(letter: QuarantinedLetter) {
    this.letters.push(letter);
  }
}
