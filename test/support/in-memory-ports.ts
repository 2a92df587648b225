import type { Job } from '../../lambdas/domain/job.js';
import { canTakeRunLock, type Run } from '../../lambdas/domain/run.js';
import type {
  Clock,
  HttpTargetCaller,
  JobRunResult,
  JobStore,
  LockAttempt,
  RunStore,
  ScheduleRegistry,
  ScheduleSpec,
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

export class InMemoryJobStore implements JobStore {
  readonly jobs = new Map<string, Job>();
  async create(job: Job): Promise<void> {
    if (this.jobs.has(job.jobId)) throw new Error('ConditionalCheckFailedException');
    this.jobs.set(job.jobId, structuredClone(job));
  }
  async get(jobId: string): Promise<Job | undefined> {
    const job = this.jobs.get(jobId);
    return job && structuredClone(job);
  }
  async delete(jobId: string): Promise<boolean> {
    return this.jobs.delete(jobId);
  }
  async recordRunResult(jobId: string, result: JobRunResult): Promise<void> {
    const job = this.jobs.get(jobId);
    if (!job) return;
    const { nextRunAt: _previous, ...rest } = job;
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
  failNextCreate = false;
  async create(spec: ScheduleSpec): Promise<void> {
    if (this.failNextCreate) {
      this.failNextCreate = false;
      throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
    }
    this.schedules.set(spec.jobId, spec);
  }
  async delete(jobId: string): Promise<void> {
    this.schedules.delete(jobId);
  }
}

/** Follows the same lock rule as the DynamoDB store, through the domain's `canTakeRunLock`. */
export class InMemoryRunStore implements RunStore {
  readonly runs = new Map<string, Run>();
  private tokens = 0;
  private key = (jobId: string, scheduledTime: string) => `${jobId}|${scheduledTime}`;

  async acquire(request: {
    jobId: string;
    scheduledTime: string;
    leaseMs: number;
    nowMs: number;
  }): Promise<LockAttempt> {
    const key = this.key(request.jobId, request.scheduledTime);
    const existing = this.runs.get(key);
    if (!canTakeRunLock(existing, request.nowMs)) return { acquired: false, holder: existing };
    const leaseToken = `token-${++this.tokens}`;
    this.runs.set(key, {
      jobId: request.jobId,
      scheduledTime: request.scheduledTime,
      status: 'RUNNING',
      attempt: 1,
      leaseToken,
      leaseExpiresAtMs: request.nowMs + request.leaseMs,
      startedAt: new Date(request.nowMs).toISOString(),
    });
    return { acquired: true, leaseToken };
  }

  async finish(request: Parameters<RunStore['finish']>[0]): Promise<boolean> {
    const key = this.key(request.jobId, request.scheduledTime);
    const existing = this.runs.get(key);
    if (!existing || existing.leaseToken !== request.leaseToken) return false;
    const { leaseExpiresAtMs: _lease, ...rest } = existing;
    this.runs.set(key, {
      ...rest,
      status: request.status,
      outcome: request.outcome,
      finishedAt: new Date(request.nowMs).toISOString(),
    });
    return true;
  }

  async get(jobId: string, scheduledTime: string): Promise<Run | undefined> {
    return this.runs.get(this.key(jobId, scheduledTime));
  }
}

/** An HTTP target that records calls and answers with the queued results (default: 200). */
export class FakeHttpTarget implements HttpTargetCaller {
  readonly calls: Parameters<HttpTargetCaller['call']>[0][] = [];
  readonly answers: Array<{ ok: boolean; statusCode?: number; error?: string }> = [];
  async call(request: Parameters<HttpTargetCaller['call']>[0]) {
    this.calls.push(request);
    const answer = this.answers.shift() ?? { ok: true, statusCode: 200 };
    return { durationMs: 5, ...answer };
  }
}
