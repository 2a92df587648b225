import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpTargetCaller } from '../../lambdas/adapters/http-target.js';
import type { HttpTarget } from '../../lambdas/domain/target.js';
import { verifySignature } from '../../lambdas/domain/webhook-signature.js';
import { RECEIVER_HOSTS, WebhookReceiver } from '../support/webhook-receiver.js';

const keys = { current: 'current-key', next: 'next-key' };
const target = (url: string, extra: Partial<HttpTarget> = {}): HttpTarget => ({
  type: 'http',
  url,
  method: 'POST',
  headers: {},
  timeoutSeconds: 2,
  ...extra,
});

describe('the HTTP target caller against real sockets on 127.0.0.1', () => {
  const receiver = new WebhookReceiver();
  let special: Server;
  let specialUrl: string;
  const call = httpTargetCaller({ allowedHosts: RECEIVER_HOSTS, signingKeys: async () => keys });

  beforeAll(async () => {
    await receiver.start();
    // Answers by path: a redirect, a slow answer, a long body, a 429 with Retry-After.
    special = createServer((request, response) => {
      if (request.url === '/redirect') {
        response.writeHead(302, { location: receiver.url('/redirected') }).end();
      } else if (request.url === '/slow') {
        setTimeout(() => response.end('late'), 5_000).unref();
      } else if (request.url === '/long') {
        response.end('x'.repeat(10_000));
      } else {
        response.writeHead(429, { 'retry-after': '7' }).end('slow down');
      }
    });
    await new Promise<void>((resolve) => special.listen(0, '127.0.0.1', resolve));
    specialUrl = `http://127.0.0.1:${(special.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await receiver.stop();
    special.closeAllConnections();
    await new Promise((resolve) => special.close(resolve));
  });

  it('sends the payload with the idempotency key and a signature the receiver can verify with either key', async () => {
    const outcome = await call(
      target(receiver.url('/signed'), { headers: { 'x-team': 'mail' } }),
      { a: 1 },
      'job/run-1',
    );
    expect(outcome).toMatchObject({ ok: true, statusCode: 200, responseSnippet: 'ok' });
    const [received] = receiver.callsTo('/signed');
    expect(received?.body).toBe('{"a":1}');
    expect(received?.headers).toMatchObject({
      'idempotency-key': 'job/run-1',
      'x-team': 'mail',
      'content-type': 'application/json',
    });
    const signed = {
      id: 'job/run-1',
      timestamp: String(received?.headers['x-scheduler-timestamp']),
      signature: String(received?.headers['x-scheduler-signature']),
    };
    const now = Math.floor(Date.now() / 1000);
    expect(verifySignature('current-key', signed, received?.body ?? '', now)).toBe(true);
    expect(verifySignature('next-key', signed, received?.body ?? '', now)).toBe(true);
    expect(verifySignature('current-key', signed, '{"a":2}', now)).toBe(false);
  });

  it('does not follow redirects', async () => {
    const outcome = await call(target(`${specialUrl}/redirect`), {}, 'k');
    expect(outcome).toMatchObject({ ok: false, statusCode: 302, error: 'target answered HTTP 302' });
    expect(receiver.callsTo('/redirected')).toHaveLength(0);
  });

  it('gives up at the timeout', async () => {
    const started = Date.now();
    const outcome = await call(target(`${specialUrl}/slow`, { timeoutSeconds: 1 }), {}, 'k');
    expect(outcome).toMatchObject({ ok: false, error: 'timed out after 1 s' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('keeps only the first 512 bytes of the answer', async () => {
    const outcome = await call(target(`${specialUrl}/long`), {}, 'k');
    expect(outcome.responseSnippet).toHaveLength(512);
  });

  it('reports Retry-After with a failed answer', async () => {
    const outcome = await call(target(`${specialUrl}/busy`), {}, 'k');
    expect(outcome).toMatchObject({
      ok: false,
      statusCode: 429,
      retryAfterSeconds: 7,
      responseSnippet: 'slow down',
    });
  });

  it('reports a refused connection as a failed attempt, not an exception', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const outcome = await call(target(`http://127.0.0.1:${port}/`), {}, 'k');
    expect(outcome).toMatchObject({ ok: false, error: 'request failed: ECONNREFUSED' });
  });

  it('refuses internal addresses after resolving the name, unless the host is allowlisted', async () => {
    const port = new URL(receiver.url('/')).port;
    // The receiver's port let through the port policy, so that the address guard is what refuses.
    const guarded = httpTargetCaller({
      allowedHosts: [],
      allowedPorts: [Number(port)],
      signingKeys: async () => keys,
    });
    const byName = await guarded(target(`http://localhost:${port}/ssrf`), {}, 'k');
    expect(byName).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^refused: localhost resolves to (127\.0\.0\.1|::1)/),
    });
    const byLiteral = await guarded(target(`http://127.0.0.1:${port}/ssrf`), {}, 'k');
    expect(byLiteral).toMatchObject({ ok: false, error: 'refused: 127.0.0.1 is an internal address' });
    // (Other internal ranges, the metadata address among them, are unit-tested: no test sends traffic off loopback.)
    expect(receiver.callsTo('/ssrf')).toHaveLength(0);
  });

  it('checks the port policy again at call time: an allowlisted loopback host only on its own ports', async () => {
    // 4566 is the local AWS itself and 9001 the Lambda Runtime API: loopback, but not the receivers' range.
    for (const port of [4566, 9001, 22]) {
      expect(await call(target(`http://127.0.0.1:${port}/`), {}, 'k')).toEqual({
        ok: false,
        durationMs: 0,
        error: `refused: 127.0.0.1 may be called on port 32768-60999 only, not ${port}`,
      });
    }
    expect(await call(target('https://hooks.example.com:8443/'), {}, 'k')).toEqual({
      ok: false,
      durationMs: 0,
      error: 'refused: port 8443 is not allowed: HTTP targets may use port 443, 80',
    });
    // And the receiver, on an ephemeral port, is reached.
    expect(await call(target(receiver.url('/in-range')), {}, 'k')).toMatchObject({
      ok: true,
      statusCode: 200,
    });
  });

  it('fails the attempt, without calling, when the signing keys cannot be read', async () => {
    const keyless = httpTargetCaller({
      allowedHosts: RECEIVER_HOSTS,
      signingKeys: async () => {
        throw new Error('AccessDeniedException');
      },
    });
    const outcome = await keyless(target(receiver.url('/unsigned')), {}, 'k');
    expect(outcome).toMatchObject({ ok: false, error: 'signing keys unavailable: AccessDeniedException' });
    expect(receiver.callsTo('/unsigned')).toHaveLength(0);
  });
});
