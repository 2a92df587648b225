import type { ApiEvent } from '../../lambdas/http/request.js';

/** An HTTP API (payload 2.0) event as API Gateway sends it for an IAM-authorized route. */
export function apiEvent(
  routeKey: string,
  options: { body?: string; id?: string; principal?: string | null; headers?: Record<string, string> } = {},
): ApiEvent {
  const [method = 'GET', path = '/'] = routeKey.split(' ');
  const rawPath = options.id ? path.replace('{id}', options.id) : path;
  const principal =
    options.principal === undefined ? 'arn:aws:iam::111122223333:user/alice' : options.principal;
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.body,
    isBase64Encoded: false,
    pathParameters: options.id ? { id: options.id } : undefined,
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
