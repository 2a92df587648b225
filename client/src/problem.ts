import type { FieldError, Problem } from './types.js';

/**
 * The API refused a request: its problem+json (RFC 9457) as a typed error. Answers that are not problem+json
 * (API Gateway's own 401 `{"message":"Unauthorized"}`, a proxy's 502 page) get `code` `http_<status>`.
 */
export class SchedulerProblem extends Error {
  readonly status: number;
  /** Stable, machine-readable reason, e.g. `validation_failed`, `job_not_found`, `revision_mismatch`. */
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly type: string;
  readonly instance?: string;
  /** Per-field errors of a 400: the JSON path of the field and what is wrong with it. */
  readonly errors: readonly FieldError[];
  /** Seconds the API asked the caller to wait (Retry-After of a 429 or 503), when it said. */
  readonly retryAfterSeconds?: number;

  constructor(problem: Problem, retryAfterSeconds?: number) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
    this.name = 'SchedulerProblem';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.type = problem.type;
    if (problem.instance !== undefined) this.instance = problem.instance;
    this.errors = problem.errors ?? [];
    if (retryAfterSeconds !== undefined) this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The API could not be reached, or did not answer in time. */
export class SchedulerNetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SchedulerNetworkError';
  }
}

/** Credentials could not be had: the token endpoint refused, or no AWS credentials were found. */
export class SchedulerAuthError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SchedulerAuthError';
  }
}

/** Seconds from a Retry-After header: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterSecondsOf(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/** The problem an error answer carries, whatever its body. */
export async function problemOf(response: Response, nowMs: number): Promise<SchedulerProblem> {
  const text = await response.text().catch(() => '');
  const retryAfter = retryAfterSecondsOf(response.headers.get('retry-after'), nowMs);
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const candidate = body as Partial<Problem> & { message?: unknown };
  if (candidate && typeof candidate.code === 'string' && typeof candidate.status === 'number') {
    return new SchedulerProblem(
      {
        type: candidate.type ?? 'about:blank',
        title: candidate.title ?? response.statusText,
        status: candidate.status,
        code: candidate.code,
        detail: candidate.detail ?? candidate.title ?? '',
        ...(candidate.instance ? { instance: candidate.instance } : {}),
        ...(Array.isArray(candidate.errors) ? { errors: candidate.errors } : {}),
      },
      retryAfter,
    );
  }
  const message = typeof candidate?.message === 'string' ? candidate.message : text.slice(0, 200);
  return new SchedulerProblem(
    {
      type: 'about:blank',
      title: response.statusText || `HTTP ${response.status}`,
      status: response.status,
      code: `http_${response.status}`,
      detail: message || response.statusText || `HTTP ${response.status}`,
    },
    retryAfter,
  );
}
