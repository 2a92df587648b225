import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  DomainError,
  MalformedRequestError,
  PayloadTooLargeError,
  UnauthenticatedError,
} from '../domain/errors.js';
import { MAX_REQUEST_BYTES } from '../domain/job.js';

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
 * The tenant: the authenticated principal. Under IAM auth it is the caller's ARN; under JWT auth the
 * token's subject. A request without either is refused, whatever the API Gateway configuration says.
 */
export function tenantOf(event: ApiEvent): string {
  const authorizer = event.requestContext.authorizer;
  const tenant = authorizer?.iam?.userArn ?? authorizer?.jwt?.claims?.sub;
  if (typeof tenant !== 'string' || tenant.length === 0) throw new UnauthenticatedError();
  return tenant;
}

class UnsupportedMediaTypeError extends DomainError {
  constructor(contentType: string) {
    super(415, 'unsupported_media_type', `Expected application/json, got ${contentType}.`);
  }
}

/** The JSON body of the request; size, media type and syntax are checked with 4xx answers. */
export function jsonBodyOf(event: ApiEvent): unknown {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text) > MAX_REQUEST_BYTES) throw new PayloadTooLargeError(MAX_REQUEST_BYTES);
  const contentType = event.headers?.['content-type'] ?? event.headers?.['Content-Type'];
  if (contentType && !/^application\/([a-z.+-]*\+)?json\b/i.test(contentType.trim())) {
    throw new UnsupportedMediaTypeError(contentType);
  }
  if (text.trim() === '') throw new MalformedRequestError('The request needs a JSON body.');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MalformedRequestError(`The body is not valid JSON: ${(error as Error).message}`);
  }
}
