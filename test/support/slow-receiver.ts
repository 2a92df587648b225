import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlowCall {
  readonly path: string;
  readonly idempotencyKey: string;
  readonly startedAt: number;
}

/**
 * A webhook receiver on 127.0.0.1 that answers 200 after a delay set per path (0 by default), recording every
 * call and, per path, the most calls it held at once: a tenant's slow target.
 */
export class SlowReceiver {
  readonly calls: SlowCall[] = [];
  private readonly delays = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();
  private readonly peaks = new Map<string, number>();
  private server?: Server;

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const path = request.url ?? '';
      request.resume();
      request.on('end', () => {
        this.calls.push({
          path,
          idempotencyKey: String(request.headers['idempotency-key'] ?? ''),
          startedAt: Date.now(),
        });
        const now = (this.inFlight.get(path) ?? 0) + 1;
        this.inFlight.set(path, now);
        this.peaks.set(path, Math.max(now, this.peaks.get(path) ?? 0));
        setTimeout(() => {
          this.inFlight.set(path, (this.inFlight.get(path) ?? 1) - 1);
          response.end('ok');
        }, this.delays.get(path) ?? 0);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** The URL of `path`, answered after `delayMs`. */
  url(path: string, delayMs = 0): string {
    this.delays.set(path, delayMs);
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('The receiver is not started.');
    return `http://127.0.0.1:${address.port}${path}`;
  }

  callsTo(path: string): SlowCall[] {
    return this.calls.filter((call) => call.path === path);
  }

  /** The most calls to `path` held at once. */
  peakOf(path: string): number {
    return this.peaks.get(path) ?? 0;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
