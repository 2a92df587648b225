import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError, type FieldProblem, RateLimitedError } from '../domain/errors.js';

/** An RFC 9457 problem document, with this service's stable `code` and per-field details. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly instance?: string;
  readonly errors?: readonly FieldProblem[];
}

/** RFC 9110's reason phrase of every status the API answers (a unit test holds each DomainError's status here). */
export const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Maps any error to a problem response. Only DomainErrors are shown; anything else is an opaque 500. */
export function problemResponse(error: unknown, requestId: string): APIGatewayProxyStructuredResultV2 {
  const known = error instanceof DomainError;
  const status = known ? error.status : 500;
  const problem: Problem = {
    type: `https://serverless-scheduler.dev/problems/${known ? error.code : 'internal_error'}`,
    title: TITLES[status] ?? 'Error',
    status,
    code: known ? error.code : 'internal_error',
    detail: known ? error.message : `An internal error occurred; quote request id ${requestId}.`,
    instance: requestId,
    ...(known && error.fields.length > 0 ? { errors: error.fields } : {}),
  };
  return {
    statusCode: status,
    headers: {
      'content-type': 'application/problem+json',
      // RFC 9110 §10.2.3: when to try again, in seconds.
      ...(error instanceof RateLimitedError ? { 'retry-after': String(error.retryAfterSeconds) } : {}),
    },
    body: JSON.stringify(problem),
  };
}

/** A JSON success response. */
export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}) {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  } satisfies APIGatewayProxyStructuredResultV2;
}
