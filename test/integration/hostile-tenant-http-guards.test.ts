import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpTargetCaller } from '../../lambdas/adapters/http-target.js';
import type { HttpTarget } from '../../lambdas/domain/target.js';
import type { CallOutcome } from '../../lambdas/use-cases/ports.js';
import { hostileTenantLedger } from '../support/hostile-tenant.js';
import { RECEIVER_HOSTS, WebhookReceiver } from '../support/webhook-receiver.js';

// The executor's HTTP caller, configured as the local stack's (loopback on 32768–60999 only), calling jobs
// a hostile tenant stored however it could (a job saved before validation existed, or written past the API):
// every call below must be refused before a connection, or fail without the receiver seeing the attack.
const target = (url: string, headers: Record<string, string> = {}): HttpTarget => ({
  type: 'http',
  url,
  method: 'POST',
  headers,
  timeoutSeconds: 2,
});
const fire = { jobId: 'job', runId: 'run', tenant: 'mallory', idempotencyKey: 'job/run' };
/** The call went out: anything but a refusal by the guards counts as the attack getting through. */
const wentOut = (outcome: CallOutcome) => !outcome.error?.startsWith('refused: ');

describe('hostile tenant: the HTTP caller at call time (real sockets on loopback)', () => {
  const ledger = hostileTenantLedger('HTTP caller at call time');
  const receiver = new WebhookReceiver();
  const call = httpTargetCaller({
    allowedHosts: RECEIVER_HOSTS,
    signingSecrets: async () => ({ current: `whsec_${Buffer.alloc(32, 1).toString('base64')}` }),
  });

  beforeAll(async () => {
    await receiver.start();
  });
  afterAll(async () => {
    await receiver.stop();
  });

  it('(control) reaches a receiver on an ephemeral loopback port', async () => {
    expect(await call(target(receiver.url('/control')), {}, fire)).toMatchObject({
      ok: true,
      statusCode: 200,
    });
  });

  it('cannot reach the emulator (4566) or a Lambda Runtime API (9001) on loopback', async () => {
    for (const url of [
      'http://127.0.0.1:4566/_localstack/health',
      'http://localhost:4566/_localstack/health',
      'http://[::1]:4566/',
      'http://127.0.0.1:9001/2018-06-01/runtime/invocation/next',
      'http://localhost:9001/2018-06-01/runtime/invocation/next',
      'https://127.0.0.1/',
      'http://127.0.0.1:22/',
    ]) {
      await ledger.attempt(`call ${url}`, async () => wentOut(await call(target(url), {}, fire)));
    }
  });

  it('cannot call an internal or special-purpose address literal', async () => {
    for (const host of [
      '10.0.0.1',
      '169.254.169.254',
      '192.0.2.1',
      '198.18.0.1',
      '240.0.0.1',
      '[fd00:ec2::254]',
      '[fec0::1]',
      '[::ffff:a9fe:a9fe]',
      '[0:0:0:0:0:ffff:a9fe:a9fe]',
      '[64:ff9b::a9fe:a9fe]',
      '[100::1]',
      '[2001::1]',
      '[2001:db8::1]',
      '[3fff::1]',
    ]) {
      await ledger.attempt(`call https://${host}/`, async () =>
        wentOut(await call(target(`https://${host}/`), {}, fire)),
      );
    }
  });

  it('cannot reach loopback through a name that is not listed, even on a receiver port', async () => {
    const port = Number(new URL(receiver.url('/')).port);
    // The receiver's port opened to every host, so that only the address guard stands in the way.
    const open = httpTargetCaller({
      allowedHosts: [],
      allowedPorts: [port, 443],
      signingSecrets: async () => ({ current: `whsec_${Buffer.alloc(32, 1).toString('base64')}` }),
    });
    for (const url of [
      `http://localhost.:${port}/rebind`,
      `http://localhost:${port}/rebind`,
      'https://localhost./',
    ]) {
      await ledger.attempt(`call ${url} with no insecure hosts`, async () => {
        // A name may also fail to resolve (localhost. does on some hosts): what counts is an answer.
        const outcome = await open(target(url), {}, fire);
        return outcome.statusCode !== undefined || receiver.callsTo('/rebind').length > 0;
      });
    }
    expect(receiver.callsTo('/rebind')).toHaveLength(0);
  });

  it('cannot smuggle a header or a second request through a stored header value', async () => {
    for (const value of [
      'x\r\nX-Injected: 1',
      'x\r\n\r\nPOST /smuggled HTTP/1.1\r\nX-Injected: 1',
      'x\nX-Injected: 1',
    ]) {
      await ledger.attempt(`stored header value ${JSON.stringify(value)}`, async () => {
        await call(target(receiver.url('/crlf'), { 'X-Note': value }), {}, fire);
        return receiver.calls.some(
          (received) => 'x-injected' in received.headers || received.path === '/smuggled',
        );
      });
    }
  });
});
