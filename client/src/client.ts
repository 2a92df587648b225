import type { Authenticator } from './auth/authenticator.js';
import { JOB_SPEC_KEYS } from './generated/job-spec.js';
import { itemsOf, pagesOf } from './pagination.js';
import { SchedulerProblem } from './problem.js';
import type { RetryOptions } from './retry.js';
import { Transport, type TransportOptions } from './transport.js';
import type {
  DeadLetter,
  DeadLetterListQuery,
  Health,
  Job,
  JobListQuery,
  JobSpec,
  ManualExecution,
  Page,
  RedriveRequest,
  RedriveResult,
  RotationRequest,
  Run,
  RunListQuery,
  SchedulePreview,
  SchedulePreviewRequest,
  SigningSecrets,
} from './types.js';

export interface SchedulerClientOptions extends Omit<TransportOptions, 'auth' | 'retry'> {
  readonly auth: Authenticator;
  readonly retry?: RetryOptions;
  /** Makes the Idempotency-Key of a create that names none. @default crypto.randomUUID */
  readonly newIdempotencyKey?: () => string;
}

/** An optimistic-concurrency guard: the job's revision (its ETag) the write expects, or the job read. */
export type Expected = number | Pick<Job, 'revision'>;
const ifMatch = (expected: Expected | undefined): Record<string, string> =>
  expected === undefined
    ? {}
    : { 'if-match': `"${typeof expected === 'number' ? expected : expected.revision}"` };

const jobPath = (id: string) => `/api/jobs/${encodeURIComponent(id)}`;

/** The fields of a job its owner sets, as a create or full update takes them. */
export function jobSpecOf(job: Job): JobSpec {
  const spec: Record<string, unknown> = {};
  for (const key of JOB_SPEC_KEYS) if (job[key] !== undefined) spec[key] = job[key];
  return spec as JobSpec;
}

/**
 * A typed client of the Serverless Scheduler API, for Node ≥ 20 and browsers (fetch and Web Crypto only).
 * Creates carry an Idempotency-Key, so they are retried safely; updates carry If-Match when given a revision.
 */
export class SchedulerClient {
  private readonly transport: Transport;
  private readonly newIdempotencyKey: () => string;

  constructor(options: SchedulerClientOptions) {
    this.transport = new Transport(options);
    this.newIdempotencyKey = options.newIdempotencyKey ?? (() => crypto.randomUUID());
  }

  /** Creates a job. Retried with one Idempotency-Key, so a lost answer never makes a second job. */
  async createJob(spec: JobSpec, options: { idempotencyKey?: string } = {}): Promise<Job> {
    const answer = await this.transport.send<Job>({
      method: 'POST',
      path: '/api/jobs',
      body: spec,
      headers: { 'idempotency-key': options.idempotencyKey ?? this.newIdempotencyKey() },
      retry: 'idempotent',
    });
    return answer.body;
  }

  async getJob(id: string): Promise<Job> {
    return (await this.transport.send<Job>({ method: 'GET', path: jobPath(id), retry: 'idempotent' })).body;
  }

  /** Replaces a job's spec; with `expected`, only if the job is still at that revision (else 412). */
  async updateJob(id: string, spec: JobSpec, expected?: Expected): Promise<Job> {
    const answer = await this.transport.send<Job>({
      method: 'PUT',
      path: jobPath(id),
      body: spec,
      headers: ifMatch(expected),
      retry: 'idempotent',
    });
    return answer.body;
  }

  /**
   * Reads a job, applies `change` to its spec and writes it back with If-Match; when another writer got in
   * between (412), reads and applies again, up to `attempts` times.
   */
  async editJob(id: string, change: (spec: JobSpec, job: Job) => JobSpec, attempts = 3): Promise<Job> {
    for (let attempt = 1; ; attempt++) {
      const job = await this.getJob(id);
      try {
        return await this.updateJob(id, change(jobSpecOf(job), job), job);
      } catch (error) {
        if (!(error instanceof SchedulerProblem && error.status === 412) || attempt >= attempts) throw error;
      }
    }
  }

  async deleteJob(id: string, expected?: Expected): Promise<void> {
    await this.transport.send({
      method: 'DELETE',
      path: jobPath(id),
      headers: ifMatch(expected),
      retry: 'idempotent',
    });
  }

  async pauseJob(id: string, options: { reason?: string; expected?: Expected } = {}): Promise<Job> {
    const answer = await this.transport.send<Job>({
      method: 'POST',
      path: `${jobPath(id)}/pause`,
      body: options.reason === undefined ? {} : { reason: options.reason },
      headers: ifMatch(options.expected),
      retry: 'idempotent',
    });
    return answer.body;
  }

  async resumeJob(id: string, options: { expected?: Expected } = {}): Promise<Job> {
    const answer = await this.transport.send<Job>({
      method: 'POST',
      path: `${jobPath(id)}/resume`,
      headers: ifMatch(options.expected),
      retry: 'idempotent',
    });
    return answer.body;
  }

  /**
   * Fires a job now (a manual run of its own). Retried only after a 429, which the API answers before it
   * queues anything: after a 503 or a lost answer the fire may be queued, and a retry would run it twice.
   */
  async executeJob(id: string): Promise<ManualExecution> {
    const answer = await this.transport.send<ManualExecution>({
      method: 'POST',
      path: `${jobPath(id)}/execute`,
      retry: 'refused-only',
    });
    return answer.body;
  }

  /** The caller's jobs, newest first, page by page. */
  listJobPages(query: JobListQuery = {}): AsyncGenerator<Page<Job>> {
    return pagesOf((cursor) => this.page<Job>('/api/jobs', { ...query, cursor }));
  }

  /** One page of the caller's jobs, newest first: from the start, or from a page's `nextCursor`. */
  jobPage(query: JobListQuery & { cursor?: string } = {}): Promise<Page<Job>> {
    return this.page<Job>('/api/jobs', query);
  }

  /** The caller's jobs, newest first, fetched a page at a time as the loop asks. */
  listJobs(query: JobListQuery = {}): AsyncGenerator<Job> {
    return itemsOf(this.listJobPages(query));
  }

  listRunPages(jobId: string, query: RunListQuery = {}): AsyncGenerator<Page<Run>> {
    return pagesOf((cursor) => this.page<Run>(`${jobPath(jobId)}/runs`, { ...query, cursor }));
  }

  /** A job's runs, newest first. */
  listRuns(jobId: string, query: RunListQuery = {}): AsyncGenerator<Run> {
    return itemsOf(this.listRunPages(jobId, query));
  }

  async getRun(jobId: string, runId: string): Promise<Run> {
    const path = `${jobPath(jobId)}/runs/${encodeURIComponent(runId)}`;
    return (await this.transport.send<Run>({ method: 'GET', path, retry: 'idempotent' })).body;
  }

  /** The next fires of a schedule, in UTC and local time, with DST gaps and overlaps flagged. */
  async previewSchedule(request: SchedulePreviewRequest): Promise<SchedulePreview> {
    const answer = await this.transport.send<SchedulePreview>({
      method: 'POST',
      path: '/api/schedules/preview',
      body: request,
      retry: 'idempotent',
    });
    return answer.body;
  }

  listDeadLetterPages(query: DeadLetterListQuery = {}): AsyncGenerator<Page<DeadLetter>> {
    return pagesOf((cursor) => this.page<DeadLetter>('/api/dlq', { ...query, cursor }));
  }

  /** The caller's dead fires, newest first. */
  listDeadLetters(query: DeadLetterListQuery = {}): AsyncGenerator<DeadLetter> {
    return itemsOf(this.listDeadLetterPages(query));
  }

  /** Moves dead fires back to the dispatch queue (retried only after a 429: a second move would re-fire). */
  async redriveDeadLetters(request: RedriveRequest = {}): Promise<RedriveResult> {
    const answer = await this.transport.send<RedriveResult>({
      method: 'POST',
      path: '/api/dlq/redrive',
      body: request,
      retry: 'refused-only',
    });
    return answer.body;
  }

  async getSigningSecret(): Promise<SigningSecrets> {
    return (
      await this.transport.send<SigningSecrets>({
        method: 'GET',
        path: '/api/signing-secret',
        retry: 'idempotent',
      })
    ).body;
  }

  /** A rotation step (begin, complete, cancel); retried only after a 429, since `begin` is not idempotent. */
  async rotateSigningSecret(request: RotationRequest): Promise<SigningSecrets> {
    const answer = await this.transport.send<SigningSecrets>({
      method: 'POST',
      path: '/api/signing-secret/rotate',
      body: request,
      retry: 'refused-only',
    });
    return answer.body;
  }

  async health(): Promise<Health> {
    return (await this.transport.send<Health>({ method: 'GET', path: '/api/health', retry: 'idempotent' }))
      .body;
  }

  private async page<T>(path: string, query: Record<string, string | number | undefined>): Promise<Page<T>> {
    return (await this.transport.send<Page<T>>({ method: 'GET', path, query, retry: 'idempotent' })).body;
  }
}
