import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReceivedCall } from './webhook-receiver.js';

/** How the receiver answers one call: a status with headers, or never (the caller must time out). */
export type Answer = { readonly status: number; readonly headers?: Record<string, string> } | 'never';

/**
 * A webhook receiver on 127.0.0.1 that answers each call as `answer` says, given the call's index (from 0).
 * Unlike WebhookReceiver it can send headers (Retry-After) and can leave a call unanswered.
 */
export class ScriptedReceiver {
  readonly calls: ReceivedCall[] = [];
  private server?: Server;

  constructor(private readonly answer: (index: number) => Answer) {}

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const index = this.calls.length;
        this.calls.push({
          at: Date.now(),
          method: request.method ?? '',
          path: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const answer = this.answer(index);
        if (answer === 'never') return;
        response.writeHead(answer.status, answer.headers ?? {});
        response.end('scripted');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  url(path: string): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('The receiver is not started.');
    return `http://127.0.0.1:${address.port}${path}`;
  }

  /** Stops listening and drops the connections of calls left unanswered. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
}

/** A URL on 127.0.0.1 where nothing listens: connecting to it is refused. */
export async function refusingUrl(path: string): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}${path}`;
}
