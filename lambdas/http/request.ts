import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  DomainError,
  MalformedRequestError,
  PayloadTooLargeError,
  UnauthenticatedError,
  ValidationError,
} from '../domain/errors.js';
import { MAX_REQUEST_BYTES } from '../domain/job.js';
import { type IamTenantFrom, iamTenant } from './iam-tenant.js';

/** The event shape of an HTTP API (payload 2.0) with an IAM or a JWT authorizer. */
export type ApiEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: {
      iam?: { userArn?: string | null; accountId?: string | null; callerId?: string | null };
      jwt?: { claims?: Record<string, string | number | boolean | string[]> };
    };
  };
};

/**
 * The tenant: the authenticated principal. Under IAM auth it is the caller's IAM identity (its role, or its
 * session when `iamTenantFrom` is `session`: see iamTenant); under JWT auth the token's subject. A request
 * without either is refused, whatever the API Gateway configuration says.
 */
export function tenantOf(event: ApiEvent, iamTenantFrom: IamTenantFrom = 'role'): string {
  const authorizer = event.requestContext.authorizer;
  const iamArn = authorizer?.iam?.userArn;
  if (typeof iamArn === 'string' && iamArn.length > 0) return iamTenant(iamArn, iamTenantFrom);
  const tenant = authorizer?.jwt?.claims?.sub;
  if (typeof tenant !== 'string' || tenant.length === 0) throw new UnauthenticatedError();
  return tenant;
}

class UnsupportedMediaTypeError extends DomainError {
  constructor(contentType: string) {
    super(415, 'unsupported_media_type', `Expected application/json, got ${contentType}.`);
  }
}

const header = (event: ApiEvent, name: string): string | undefined => {
  const headers = event.headers ?? {};
  return headers[name] ?? Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
};

/** The revision named by an If-Match header (`"3"`, `W/"3"` or `3`), or undefined without one. */
export function ifMatchOf(event: ApiEvent): number | undefined {
  const value = header(event, 'if-match')?.trim();
  if (value === undefined || value === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,12})"?$/.exec(value);
  if (!match) {
    throw new ValidationError('Invalid If-Match header.', [
      { path: 'If-Match', message: 'Expected the ETag of a job response: its revision, e.g. "3".' },
    ]);
  }
  return Number(match[1]);
}

/** The Idempotency-Key header of a create request, if any. */
export function idempotencyKeyOf(event: ApiEvent): string | undefined {
  const value = header(event, 'idempotency-key');
  if (value === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(value)) {
    throw new ValidationError('Invalid Idempotency-Key header.', [
      { path: 'Idempotency-Key', message: '1 to 255 visible ASCII characters.' },
    ]);
  }
  return value;
}

/** The query string parameters, each given at most once. */
export function queryOf(event: ApiEvent): Record<string, string | undefined> {
  const query = event.queryStringParameters ?? {};
  for (const [name, value] of Object.entries(query)) {
    if (value?.includes(',')) {
      // API Gateway joins repeated parameters with commas.
      throw new ValidationError('Repeated query parameter.', [
        { path: name, message: 'Give this parameter once.' },
      ]);
    }
  }
  return query;
}

/** The JSON body of the request, or undefined when it has none (for routes where a body is optional). */
export function optionalJsonBodyOf(event: ApiEvent): unknown {
  return (event.body ?? '').trim() === '' ? undefined : jsonBodyOf(event);
}

/** The JSON body of the request; size, media type and syntax are checked with 4xx answers. */
export function jsonBodyOf(event: ApiEvent): unknown {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text) > MAX_REQUEST_BYTES) throw new PayloadTooLargeError(MAX_REQUEST_BYTES);
  const contentType = header(event, 'content-type');
  if (contentType && !/^application\/([a-z.+-]*\+)?json\b/i.test(contentType.trim())) {
    throw new UnsupportedMediaTypeError(contentType);
  }
  if (text.trim() === '') throw new MalformedRequestError('The request needs a JSON body.');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new MalformedRequestError(`The body is not valid JSON: ${(error as Error).message}`);
  }
  checkShape(body);
  return body;
}

/** Deepest nesting accepted in a body: far more than any job needs, far less than what overflows a stack. */
export const MAX_BODY_DEPTH = 32;

/**
 * Refuses bodies nested deeper than MAX_BODY_DEPTH and keys named `__proto__` (which JavaScript objects
 * cannot carry faithfully), walking iteratively so that no body can exhaust the stack.
 */
function checkShape(body: unknown): void {
  const pending: Array<{ value: unknown; depth: number; path: string }> = [
    { value: body, depth: 0, path: '' },
  ];
  while (pending.length > 0) {
    const { value, depth, path } = pending.pop() as { value: unknown; depth: number; path: string };
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) {
      throw new ValidationError('The body is nested too deeply.', [
        { path: path || '(root)', message: `At most ${MAX_BODY_DEPTH} levels of arrays and objects.` },
      ]);
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (key === '__proto__') {
        throw new ValidationError('The body has a reserved key.', [
          { path: childPath, message: '"__proto__" is not allowed as a key.' },
        ]);
      }
      pending.push({ value: child, depth: depth + 1, path: childPath });
    }
  }
}
