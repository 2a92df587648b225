/** One field that failed validation, by its JSON path. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/** A failure the API may show to its caller: an HTTP status and a stable, machine-readable code. */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, fields: readonly FieldProblem[] = []) {
    super(400, 'validation_failed', message, fields);
  }
}

export class MalformedRequestError extends DomainError {
  constructor(message: string) {
    super(400, 'malformed_request', message);
  }
}

export class JobNotFoundError extends DomainError {
  constructor(jobId: string) {
    super(404, 'job_not_found', `No job with id ${jobId}.`);
  }
}

export class RouteNotFoundError extends DomainError {
  constructor(method: string, path: string) {
    super(404, 'route_not_found', `No route for ${method} ${path}.`);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor() {
    super(401, 'unauthenticated', 'The request carries no authenticated principal.');
  }
}

export class PayloadTooLargeError extends DomainError {
  constructor(limitBytes: number) {
    super(413, 'payload_too_large', `The request body exceeds ${limitBytes} bytes.`);
  }
}

/** A downstream AWS call failed; nothing was left half-written and the client may retry. */
export class DependencyFailedError extends DomainError {
  constructor(message: string) {
    super(503, 'dependency_unavailable', message);
  }
}

export class RevisionMismatchError extends DomainError {
  constructor(expected: number, actual: number) {
    super(412, 'revision_mismatch', `If-Match named revision ${expected}; the job is at revision ${actual}.`);
  }
}

export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super(
      409,
      'idempotency_key_reused',
      'This Idempotency-Key was already used with a different request body.',
    );
  }
}

export class QuotaExceededError extends DomainError {
  constructor(limit: number) {
    super(
      403,
      'job_quota_exceeded',
      `This tenant already has the maximum of ${limit} jobs; delete some first.`,
    );
  }
}

export class JobCompletedError extends DomainError {
  constructor(jobId: string) {
    super(409, 'job_completed', `Job ${jobId} is COMPLETED; give it a new schedule with PUT first.`);
  }
}

export class RunNotFoundError extends DomainError {
  constructor(runId: string) {
    super(404, 'run_not_found', `No run with id ${runId}.`);
  }
}

export class InvalidCursorError extends DomainError {
  constructor() {
    super(400, 'invalid_cursor', 'The cursor is not one this list returned; start again without it.');
  }
}

export class IdempotencyKeySpentError extends DomainError {
  constructor() {
    super(
      409,
      'idempotency_key_spent',
      'The job made with this Idempotency-Key has been deleted; use a new key.',
    );
  }
}

/** A rotation step that needs a rotation in progress, asked for when there is none. */
export class SigningRotationNotStartedError extends DomainError {
  constructor(phase: 'complete' | 'cancel') {
    super(
      409,
      'signing_rotation_not_started',
      `No signing-secret rotation is in progress to ${phase}; begin one with {"phase":"begin"}.`,
    );
  }
}

/** `complete` named a generation that is neither the next one nor (already) the current one. */
export class SigningGenerationMismatchError extends DomainError {
  constructor(asked: number, state: { current: number; next?: number }) {
    super(
      409,
      'signing_generation_mismatch',
      `Generation ${asked} is not the next signing secret (current ${state.current}, next ${state.next ?? 'none'}).`,
    );
  }
}

/** Concurrent rotations kept changing the tenant's signing state; nothing was changed by this request. */
export class SigningRotationContendedError extends DomainError {
  constructor() {
    super(
      409,
      'signing_rotation_contended',
      'The signing secret changed concurrently; read it and try again.',
    );
  }
}

/** The tenant made more requests of this kind than its limit allows in the current window; nothing was written. */
export class RateLimitedError extends DomainError {
  constructor(
    operation: string,
    limit: number,
    windowSeconds: number,
    /** Whole seconds until the window ends: the response's Retry-After. */
    readonly retryAfterSeconds: number,
  ) {
    super(
      429,
      'rate_limited',
      `This tenant may ${operation} at most ${limit} times per ${windowSeconds} s; retry after ${retryAfterSeconds} s.`,
    );
  }
}
