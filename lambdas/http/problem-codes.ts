/**
 * Every `code` a problem answer of the API can carry, with its status: the OpenAPI document declares, per
 * operation and status, which of them that operation can answer. A unit test holds this list equal to the
 * DomainErrors in the source, and the API fuzz test holds every answer to it.
 */
export const PROBLEM_STATUS = {
  validation_failed: 400,
  malformed_request: 400,
  invalid_cursor: 400,
  unauthenticated: 401,
  principal_not_a_tenant: 403,
  job_quota_exceeded: 403,
  target_not_allowed: 403,
  target_is_the_service: 403,
  job_not_found: 404,
  run_not_found: 404,
  route_not_found: 404,
  job_completed: 409,
  idempotency_key_reused: 409,
  idempotency_key_spent: 409,
  signing_rotation_not_started: 409,
  signing_generation_mismatch: 409,
  signing_rotation_contended: 409,
  revision_mismatch: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  dependency_unavailable: 503,
} as const;

export type ProblemCode = keyof typeof PROBLEM_STATUS;
