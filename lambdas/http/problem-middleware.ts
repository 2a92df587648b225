import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { DomainError } from '../domain/errors.js';
import { logger } from '../logger.js';
import { problemResponse } from './problem.js';
import type { ApiEvent } from './request.js';

/** Turns every error into an RFC 9457 response; unexpected ones are logged with the request id, never shown. */
export function problemDetails(): MiddlewareObj<ApiEvent, APIGatewayProxyStructuredResultV2, Error, Context> {
  return {
    onError: async (request) => {
      const requestId =
        request.context?.awsRequestId ?? request.event?.requestContext?.requestId ?? 'unknown';
      if (!(request.error instanceof DomainError)) {
        logger.error('unhandled error', {
          requestId,
          route: request.event?.routeKey,
          error: request.error?.name,
          detail: request.error?.message,
          stack: request.error?.stack,
        });
      }
      request.response = problemResponse(request.error, requestId);
    },
  };
}
