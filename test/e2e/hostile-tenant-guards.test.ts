import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientToken } from '../../localstack/client-token.js';
import { ApiClient } from '../support/api-client.js';
import { hostileTenantLedger } from '../support/hostile-tenant.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

// The deployed local stack, attacked through its public API by tenant alpha (and by the read-only tenant
// monitor): job headers, the SSRF guard and the port policy are checked by the API Lambda with the stack's
// own configuration (loopback on 32768–60999 only), and Cognito decides what a read-only client may get.
const READ = 'scheduler/jobs:read';
const WRITE = 'scheduler/jobs:write';
const job = (target: Record<string, unknown>) => ({
  name: 'hostile',
  schedule: { expression: 'rate(1 day)' },
  target,
});

describe('hostile tenant on the deployed stack: headers, SSRF, ports, read-only clients', () => {
  const ledger = hostileTenantLedger('deployed headers, SSRF, ports and scopes');
  const receiver = new WebhookReceiver();
  let alpha: ApiClient;
  let monitor: ApiClient;

  beforeAll(async () => {
    await receiver.start();
    [alpha, monitor] = await Promise.all([
      ApiClient.forTenant('alpha'),
      ApiClient.forTenant('monitor', [READ]),
    ]);
  });
  afterAll(async () => {
    await Promise.all([alpha.cleanup(), monitor.cleanup()]);
    await receiver.stop();
  });

  /** True when the deployed API accepted a job with this target. */
  const created = async (target: Record<string, unknown>) =>
    (await alpha.request('POST', '/api/jobs', job(target))).status < 400;

  it('(control) accepts a job calling a test receiver on its ephemeral loopback port', async () => {
    expect(await created({ type: 'http', url: receiver.url('/control') })).toBe(true);
  });

  it('refuses header injection and reserved headers at create', async () => {
    const hook = 'https://hooks.example.com/e2e';
    for (const [attack, headers] of [
      ['CRLF in a header value', { 'X-Note': 'x\r\nX-Injected: 1' }],
      ['NUL in a header value', { 'X-Note': 'x\0y' }],
      ['a forged Standard Webhooks signature', { 'webhook-signature': 'v1,Zm9yZ2Vk' }],
      ['a look-alike x-scheduler header', { 'X-Scheduler-Tenant': 'beta' }],
      ['a hop-by-hop header', { Connection: 'Upgrade', Upgrade: 'h2c' }],
      ['a framing header', { 'Transfer-Encoding': 'chunked' }],
      ['a Host header', { Host: 'internal.example' }],
    ] as const) {
      await ledger.attempt(attack, () => created({ type: 'http', url: hook, headers }));
    }
  });

  it('refuses the emulator, a runtime API and off-policy ports, and internal literals, at create', async () => {
    for (const url of [
      'http://127.0.0.1:4566/_localstack/health',
      'http://localhost:4566/',
      'http://127.0.0.1:9001/2018-06-01/runtime/invocation/next',
      'https://127.0.0.1/',
      'https://hooks.example.com:8443/',
      'https://169.254.169.254/latest/meta-data/',
      'https://[::ffff:a9fe:a9fe]/',
      'https://[fd00:ec2::254]/',
      'https://[2001::1]/',
      'https://192.0.2.1/',
    ]) {
      await ledger.attempt(url, () => created({ type: 'http', url }));
    }
  });

  it('gives a read-only client no way to write', async () => {
    await ledger.attempt('monitor asks Cognito for the write scope', async () => {
      try {
        await clientToken('monitor', [READ, WRITE]);
        return true;
      } catch {
        return false;
      }
    });
    await ledger.attempt('monitor creates a job with a read token', async () => {
      const answer = await monitor.request(
        'POST',
        '/api/jobs',
        job({ type: 'http', url: receiver.url('/m') }),
      );
      return answer.status < 400;
    });
    // (control) its read token does read
    expect((await monitor.request('GET', '/api/jobs')).status).toBe(200);
  });
});
