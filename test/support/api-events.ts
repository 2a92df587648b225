import type { ApiEvent } from '../../lambdas/http/request.js';

export interface ApiEventOptions {
  body?: string;
  id?: string;
  /** The `{runId}` path parameter of the run routes. */
  runId?: string;
  principal?: string | null;
  headers?: Record<string, string>;
  /** The Content-Type header; `null` sends none. Default `application/json`; `headers` may override it. */
  contentType?: string | null;
  /** Query string parameters, as API Gateway passes them (repeated ones joined with commas). */
  query?: Record<string, string>;
  /** The body is base64 of the bytes sent, as API Gateway marks binary bodies. */
  isBase64Encoded?: boolean;
}

/** An HTTP API (payload 2.0) event as API Gateway sends it for an IAM-authorized route. */
export function apiEvent(routeKey: string, options: ApiEventOptions = {}): ApiEvent {
  const [method = 'GET', path = '/'] = routeKey.split(' ');
  let rawPath = options.id ? path.replace('{id}', options.id) : path;
  if (options.runId !== undefined) rawPath = rawPath.replace('{runId}', options.runId);
  const principal =
    options.principal === undefined ? 'arn:aws:iam::111122223333:user/alice' : options.principal;
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  const pathParameters = {
    ...(options.id ? { id: options.id } : {}),
    ...(options.runId !== undefined ? { runId: options.runId } : {}),
  };
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: options.query ? new URLSearchParams(options.query).toString() : '',
    headers: { ...(contentType === null ? {} : { 'content-type': contentType }), ...options.headers },
    ...(options.query ? { queryStringParameters: options.query } : {}),
    body: options.body,
    isBase64Encoded: options.isBase64Encoded ?? false,
    pathParameters: Object.keys(pathParameters).length > 0 ? pathParameters : undefined,
    requestContext: {
      accountId: '111122223333',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'req-1',
      routeKey,
      stage: '$default',
      time: '',
      timeEpoch: 0,
      ...(principal === null ? {} : { authorizer: { iam: { userArn: principal } } }),
    },
  } as ApiEvent;
}
