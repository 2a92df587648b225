import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpTargetCaller, SIGNING_UNAVAILABLE } from '../../lambdas/adapters/http-target.js';
import type { HttpTarget } from '../../lambdas/domain/target.js';
import { tenantSigningSecrets } from '../../lambdas/domain/tenant-signing-secret.js';
import { webhookIdOf } from '../../lambdas/domain/webhook-signature.js';
import { TEST_MASTER_KEY } from '../support/in-memory-signing.js';
import { RECEIVER_HOSTS, WebhookReceiver } from '../support/webhook-receiver.js';

/** Tenant alpha mid-rotation (signed with current and next); beta as it starts. */
const secretsOf = async (tenant: string) =>
  tenantSigningSecrets(
    TEST_MASTER_KEY,
    tenant,
    tenant === 'alpha' ? { current: 1, next: 2 } : { current: 1 },
  );
const RUN = '2026-11-27T10:00:00.000Z~01KBZ0S1YQ4J9M2T6W8H3C5D7F';
const fire = { jobId: 'job', runId: RUN, tenant: 'alpha', idempotencyKey: `job/${RUN}` };
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
  const call = httpTargetCaller({ allowedHosts: RECEIVER_HOSTS, signingSecrets: secretsOf });

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

  it("sends the payload with the idempotency key, signed per Standard Webhooks with the tenant's current and next secrets", async () => {
    const outcome = await call(
      target(receiver.url('/signed'), { headers: { 'x-team': 'mail' } }),
      { a: 1 },
      fire,
    );
    expect(outcome).toMatchObject({ ok: true, statusCode: 200, responseSnippet: 'ok' });
    const [received] = receiver.callsTo('/signed');
    expect(received?.body).toBe('{"a":1}');
    expect(received?.headers).toMatchObject({
      'idempotency-key': `job/${RUN}`,
      'x-team': 'mail',
      'content-type': 'application/json',
      'webhook-id': webhookIdOf('job', RUN),
    });
    expect(received?.headers['x-scheduler-signature']).toBeUndefined();
    expect(received?.headers['x-scheduler-timestamp']).toBeUndefined();
    const headers = received?.headers as Record<string, string>;
    const alpha = await secretsOf('alpha');
    expect(new Webhook(alpha.current).verify(received?.body ?? '', headers)).toEqual({ a: 1 });
    expect(new Webhook(alpha.next ?? '').verify(received?.body ?? '', headers)).toEqual({ a: 1 });
    expect(() => new Webhook(alpha.current).verify('{"a":2}', headers)).toThrow('No matching signature');
    const beta = await secretsOf('beta');
    expect(() => new Webhook(beta.current).verify(received?.body ?? '', headers)).toThrow(
      'No matching signature',
    );
  });

  it("sends the service's signature and idempotency headers over a job's own spelling of them, once each", async () => {
    const forged = { 'Webhook-Signature': 'v1,Zm9yZ2Vk', 'WEBHOOK-ID': 'msg_forged', 'Idempotency-Key': 'x' };
    await call(target(receiver.url('/spelled'), { headers: forged }), { a: 1 }, fire);
    const [received] = receiver.callsTo('/spelled');
    // Node's client sets headers case-insensitively (the later wins); its server would join repeats with ", ".
    expect(received?.headers['idempotency-key']).toBe(`job/${RUN}`);
    expect(received?.headers['webhook-id']).toBe(webhookIdOf('job', RUN));
    expect(received?.headers['webhook-signature']).not.toContain('Zm9yZ2Vk');
  });

  it('does not follow redirects', async () => {
    const outcome = await call(target(`${specialUrl}/redirect`), {}, fire);
    expect(outcome).toMatchObject({ ok: false, statusCode: 302, error: 'target answered HTTP 302' });
    expect(receiver.callsTo('/redirected')).toHaveLength(0);
  });

  it('gives up at the timeout', async () => {
    const started = Date.now();
    const outcome = await call(target(`${specialUrl}/slow`, { timeoutSeconds: 1 }), {}, fire);
    expect(outcome).toMatchObject({ ok: false, error: 'timed out after 1 s' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('keeps only the first 512 bytes of the answer', async () => {
    const outcome = await call(target(`${specialUrl}/long`), {}, fire);
    expect(outcome.responseSnippet).toHaveLength(512);
  });

  it('reports Retry-After with a failed answer', async () => {
    const outcome = await call(target(`${specialUrl}/busy`), {}, fire);
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
    const outcome = await call(target(`http://127.0.0.1:${port}/`), {}, fire);
    expect(outcome).toMatchObject({ ok: false, error: 'request failed: ECONNREFUSED' });
  });

  it('refuses internal addresses after resolving the name, unless the host is allowlisted', async () => {
    const port = new URL(receiver.url('/')).port;
    // The receiver's port let through the port policy, so that the address guard is what refuses.
    const guarded = httpTargetCaller({
      allowedHosts: [],
      allowedPorts: [Number(port)],
      signingSecrets: secretsOf,
    });
    const byName = await guarded(target(`http://localhost:${port}/ssrf`), {}, fire);
    expect(byName).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^refused: localhost resolves to (127\.0\.0\.1|::1)/),
    });
    const byLiteral = await guarded(target(`http://127.0.0.1:${port}/ssrf`), {}, fire);
    expect(byLiteral).toMatchObject({ ok: false, error: 'refused: 127.0.0.1 is an internal address' });
    // (Other internal ranges, the metadata address among them, are unit-tested: no test sends traffic off loopback.)
    expect(receiver.callsTo('/ssrf')).toHaveLength(0);
  });

  it('checks the port policy again at call time: an allowlisted loopback host only on its own ports', async () => {
    // 4566 is the local AWS itself and 9001 the Lambda Runtime API: loopback, but not the receivers' range.
    for (const port of [4566, 9001, 22]) {
      expect(await call(target(`http://127.0.0.1:${port}/`), {}, fire)).toEqual({
        ok: false,
        durationMs: 0,
        error: `refused: 127.0.0.1 may be called on port 32768-60999 only, not ${port}`,
      });
    }
    expect(await call(target('https://hooks.example.com:8443/'), {}, fire)).toEqual({
      ok: false,
      durationMs: 0,
      error: 'refused: port 8443 is not allowed: HTTP targets may use port 443, 80',
    });
    // And the receiver, on an ephemeral port, is reached.
    expect(await call(target(receiver.url('/in-range')), {}, fire)).toMatchObject({
      ok: true,
      statusCode: 200,
    });
  });

  it('fails the attempt, without calling and with a generic error, when the signing secrets cannot be had', async () => {
    const keyless = httpTargetCaller({
      allowedHosts: RECEIVER_HOSTS,
      signingSecrets: async () => {
        throw new Error('AccessDeniedException: arn:aws:iam::111122223333:role/executor');
      },
    });
    const outcome = await keyless(target(receiver.url('/unsigned')), {}, fire);
    expect(outcome).toMatchObject({ ok: false, error: SIGNING_UNAVAILABLE });
    expect(receiver.callsTo('/unsigned')).toHaveLength(0);
  });
});
