import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type InsecureHost, parseInsecureHost } from '../../lambdas/domain/http-reach.js';
import { LOCAL_HTTP_TARGET_INSECURE_HOSTS } from '../../lib/local-development.js';

/**
 * What tests let HTTP targets reach, as the local stack does: loopback on Linux's ephemeral ports, where a
 * receiver listening on port 0 binds, and no other loopback port (the emulator's 4566, a runtime API's 9001).
 */
export const RECEIVER_HOSTS: readonly InsecureHost[] =
  LOCAL_HTTP_TARGET_INSECURE_HOSTS.map(parseInsecureHost);

export interface ReceivedCall {
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * A real webhook receiver on 127.0.0.1 that records every call. By default it answers 200; `respondWith`
 * queues other statuses for the next calls.
 */
export class WebhookReceiver {
  readonly calls: ReceivedCall[] = [];
  private readonly statuses: number[] = [];
  private server?: Server;

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.calls.push({
          at: Date.now(),
          method: request.method ?? '',
          path: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        response.statusCode = this.statuses.shift() ?? 200;
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** The URL of a path on this receiver. */
  url(path: string): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('The receiver is not started.');
    const { port } = address;
    return `http://127.0.0.1:${port}${path}`;
  }

  respondWith(...statuses: number[]): void {
    this.statuses.push(...statuses);
  }

  callsTo(path: string): ReceivedCall[] {
    return this.calls.filter((call) => call.path === path);
  }

  /** Waits until `count` calls reached `path`, polling every 250 ms, for at most `timeoutMs`. */
  async waitForCalls(path: string, count: number, timeoutMs: number): Promise<ReceivedCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.callsTo(path).length < count && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return this.callsTo(path);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
