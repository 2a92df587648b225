import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.js';

/** The sample receivers the README's first fifteen minutes run, each as a user would start it. */
const RECEIVERS = [
  { name: 'Node', command: process.execPath, args: ['docs/examples/receiver.mjs'] },
  { name: 'Python', command: '.venv/bin/python', args: ['docs/examples/receiver.py'] },
] as const;
/** A manual fire reaches a receiver within this long (queue, executor cold start). */
const CALL_TIMEOUT_MS = 45_000;

interface Line {
  listening?: number;
  verified?: boolean;
  idempotencyKey?: string;
  duplicate?: boolean;
  body?: string;
  reason?: string;
}

/** A receiver process and the JSON lines it printed. */
class SampleReceiver {
  readonly lines: Line[] = [];
  private process?: ChildProcess;

  async start(command: string, args: readonly string[], secret: string): Promise<number> {
    // Port 0: the system picks an ephemeral port, inside the local stack's loopback allowlist (32768–60999).
    this.process = spawn(command, args, { env: { ...process.env, SIGNING_SECRET: secret, PORT: '0' } });
    const stderr: string[] = [];
    this.process.stderr?.on('data', (chunk) => stderr.push(String(chunk)));
    createInterface({ input: this.process.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      this.lines.push(JSON.parse(line) as Line);
    });
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const port = this.lines.find((line) => line.listening)?.listening;
      if (port) return port;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${command} ${args.join(' ')} did not start: ${stderr.join('')}`);
  }

  async lineFor(key: string): Promise<Line | undefined> {
    const deadline = Date.now() + CALL_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const line = this.lines.find((candidate) => candidate.idempotencyKey === key || candidate.reason);
      if (line) return line;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return undefined;
  }

  stop(): void {
    this.process?.kill();
  }
}

describe.each(RECEIVERS)('the $name sample receiver (docs/examples) on the deployed stack', (sample) => {
  const receiver = new SampleReceiver();
  const stranger = new SampleReceiver();
  let alpha: ApiClient;
  let url: string;
  let strangerUrl: string;

  beforeAll(async () => {
    alpha = await ApiClient.forTenant('alpha');
    const beta = await ApiClient.forTenant('beta');
    const secretOf = async (api: ApiClient) =>
      (await api.request<{ current: { secret: string } }>('GET', '/api/signing-secret')).body.current.secret;
    url = `http://127.0.0.1:${await receiver.start(sample.command, sample.args, await secretOf(alpha))}/hook`;
    // The same receiver, holding beta's secret: a call made for alpha must not verify there.
    strangerUrl = `http://127.0.0.1:${await stranger.start(sample.command, sample.args, await secretOf(beta))}/hook`;
  });
  afterAll(async () => {
    receiver.stop();
    stranger.stop();
    await alpha.cleanup();
  });

  async function fireAt(target: string): Promise<string> {
    const created = await alpha.request<{ id: string }>('POST', '/api/jobs', {
      name: `sample receiver ${sample.name}`,
      schedule: { expression: 'rate(1 day)' },
      target: { type: 'http', url: target },
      payload: { report: 'daily', receiver: sample.name },
    });
    expect(created.status).toBe(201);
    const executed = await alpha.request<{ runId: string }>('POST', `/api/jobs/${created.body.id}/execute`);
    expect(executed.status).toBe(202);
    return `${created.body.id}/${executed.body.runId}`;
  }

  it('verifies a real call made for its tenant, with the body as sent', async () => {
    const key = await fireAt(url);
    const line = await receiver.lineFor(key);
    expect(line).toMatchObject({ verified: true, duplicate: false, idempotencyKey: key });
    expect(JSON.parse(line?.body ?? 'null')).toEqual({ report: 'daily', receiver: sample.name });
  });

  it("refuses a call made for another tenant (it holds beta's secret, the call is alpha's)", async () => {
    await fireAt(strangerUrl);
    const line = await stranger.lineFor('none: any line will do');
    expect(line).toMatchObject({ verified: false });
  });
});
