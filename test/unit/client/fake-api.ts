import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export type FakeAnswer =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  /** The connection is cut before any answer: what a client sees as a network error. */
  | 'drop';

/** An HTTP server on 127.0.0.1 answering as the handler says, remembering every request it was sent. */
export async function startFakeApi(handler: (request: SeenRequest) => FakeAnswer | Promise<FakeAnswer>) {
  const requests: SeenRequest[] = [];
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const request: SeenRequest = {
      method: incoming.method ?? 'GET',
      url: new URL(incoming.url ?? '/', 'http://127.0.0.1'),
      headers: incoming.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(request);
    const answer = await handler(request);
    if (answer === 'drop') {
      incoming.socket.destroy();
      return;
    }
    const problem = answer.status >= 400 && typeof answer.body === 'object';
    outgoing.writeHead(answer.status, {
      ...(answer.body === undefined
        ? {}
        : { 'content-type': problem ? 'application/problem+json' : 'application/json' }),
      ...answer.headers,
    });
    outgoing.end(
      answer.body === undefined
        ? undefined
        : typeof answer.body === 'string'
          ? answer.body
          : JSON.stringify(answer.body),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A problem+json body as the API answers it. */
export const problem = (
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
) => ({
  type: `https://scheduler.example/problems/${code}`,
  title: code,
  status,
  code,
  detail,
  ...extra,
});

/** A job as the API answers it, with the fields a test names. */
export const jobAnswer = (fields: Record<string, unknown> = {}) => ({
  id: '01JOB0000000000000000000001',
  name: 'nightly-report',
  schedule: { expression: 'rate(5 minutes)', timezone: 'UTC' },
  target: { type: 'http', url: 'https://example.com/hook', method: 'POST', headers: {}, timeoutSeconds: 10 },
  retryPolicy: { maxAttempts: 3, initialDelaySeconds: 10, maxDelaySeconds: 300, multiplier: 2 },
  overlap: 'allow',
  misfirePolicy: 'fire_once',
  status: 'ACTIVE',
  revision: 1,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  ...fields,
});
