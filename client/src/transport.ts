import type { Authenticator } from './auth/authenticator.js';
import { problemOf, SchedulerNetworkError, type SchedulerProblem } from './problem.js';
import { type RetryMode, type RetryOptions, retryableStatus, retryDelayMs } from './retry.js';

export interface TransportOptions {
  /** The API's base URL, e.g. `https://abc.execute-api.eu-west-1.amazonaws.com` (paths start with /api). */
  readonly baseUrl: string;
  readonly auth: Authenticator;
  readonly retry?: RetryOptions;
  /** Per attempt. @default 30000 */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  /** Waits between attempts; replaceable in tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface ApiCall {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly query?: Record<string, string | number | undefined>;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly retry: RetryMode;
}

export interface ApiAnswer<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends API calls: auth per attempt, bounded retries where they are safe, problems as typed errors. */
export class Transport {
  constructor(private readonly options: TransportOptions) {}

  async send<T>(call: ApiCall): Promise<ApiAnswer<T>> {
    // A base URL with a path (the local stack's /_aws/execute-api/<id>/<stage>) keeps it.
    const base = new URL(this.options.baseUrl);
    const url = new URL(base.origin);
    url.pathname = `${base.pathname.replace(/\/$/, '')}${call.path}`;
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    const maxAttempts = Math.max(1, this.options.retry?.maxAttempts ?? 4);
    let reauthenticated = false;
    for (let attempt = 1; ; attempt++) {
      const headers: Record<string, string> = {
        accept: 'application/json, application/problem+json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...call.headers,
      };
      Object.assign(
        headers,
        await this.options.auth.headers({
          method: call.method,
          url,
          headers,
          ...(body === undefined ? {} : { body }),
        }),
      );
      let response: Response;
      try {
        response = await (this.options.fetch ?? globalThis.fetch)(url, {
          method: call.method,
          headers,
          ...(body === undefined ? {} : { body }),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
        });
      } catch (error) {
        const failure = new SchedulerNetworkError(
          `${call.method} ${url.pathname}: ${(error as Error).message}`,
          { cause: error },
        );
        if (call.retry !== 'idempotent' || attempt >= maxAttempts) throw failure;
        await this.wait(attempt, undefined);
        continue;
      }
      if (response.ok) {
        const text = await response.text();
        return {
          status: response.status,
          headers: response.headers,
          body: (text ? JSON.parse(text) : undefined) as T,
        };
      }
      const problem = await problemOf(response, Date.now());
      // One fresh credential after a 401: a cached token may have been revoked or expired early.
      if (problem.status === 401 && this.options.auth.invalidate && !reauthenticated) {
        reauthenticated = true;
        this.options.auth.invalidate();
        continue;
      }
      if (!this.shouldRetry(call.retry, problem, attempt, maxAttempts)) throw problem;
      await this.wait(attempt, problem.retryAfterSeconds);
    }
  }

  private shouldRetry(mode: RetryMode, problem: SchedulerProblem, attempt: number, maxAttempts: number) {
    if (attempt >= maxAttempts || !retryableStatus(mode, problem.status)) return false;
    const longest = this.options.retry?.maxRetryAfterMs ?? 60_000;
    return problem.retryAfterSeconds === undefined || problem.retryAfterSeconds * 1000 <= longest;
  }

  private wait(attempt: number, retryAfterSeconds: number | undefined): Promise<void> {
    return (this.options.sleep ?? sleepFor)(
      retryDelayMs(this.options.retry ?? {}, attempt, retryAfterSeconds),
    );
  }
}
