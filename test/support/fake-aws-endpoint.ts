import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake endpoint received: the operation (JSON protocols' X-Amz-Target) or the REST path. */
export interface FakeAwsRequest {
  readonly operation: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface FakeAwsAnswer {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  /** Wait this long before answering (a slow target). */
  readonly delayMs?: number;
}

/**
 * A local HTTP server that SDK clients are pointed at (endpoint override): it answers each request as the
 * test scripts, to play slow or failing AWS targets without AWS and without mocking the SDK.
 */
export class FakeAwsEndpoint {
  readonly requests: FakeAwsRequest[] = [];
  #server?: Server;
  #timers = new Set<NodeJS.Timeout>();

  constructor(private readonly answer: (request: FakeAwsRequest) => FakeAwsAnswer) {}

  async start(): Promise<string> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request = {
          operation: String(req.headers['x-amz-target'] ?? ''),
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.requests.push(request);
        const answer = this.answer(request);
        const send = () => {
          if (res.destroyed) return;
          res.writeHead(answer.status ?? 200, {
            'content-type': 'application/x-amz-json-1.0',
            ...answer.headers,
          });
          res.end(answer.body === undefined ? '{}' : JSON.stringify(answer.body));
        };
        if (!answer.delayMs) return send();
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          send();
        }, answer.delayMs);
        this.#timers.add(timer);
      });
    });
    const server = this.#server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#server?.closeAllConnections();
    await new Promise((resolve) => this.#server?.close(resolve));
  }
}
