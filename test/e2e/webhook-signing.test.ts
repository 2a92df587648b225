import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.js';
import { hostileTenantLedger } from '../support/hostile-tenant.js';
import type { ReceivedCall } from '../support/webhook-receiver.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

interface GenerationSecret {
  generation: number;
  secret: string;
}
interface SigningSecret {
  current: GenerationSecret;
  next?: GenerationSecret;
  signedWithNextFrom?: string;
  propagationSeconds: number;
}

/** A manual fire reaches the receiver within this long (queue, executor cold start). */
const CALL_TIMEOUT_MS = 45_000;

/** What the README tells a receiver to do: verify with the published library, or refuse. */
function verifies(secret: string, call: ReceivedCall): boolean {
  try {
    new Webhook(secret).verify(call.body, call.headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
}
const signaturesOf = (call: ReceivedCall) => String(call.headers['webhook-signature'] ?? '').split(' ');

describe('webhooks signed per Standard Webhooks, one secret per tenant, on the deployed stack', () => {
  const ledger = hostileTenantLedger('webhook signing (deployed)');
  const receiver = new WebhookReceiver();
  const path = `/signed-${Date.now()}`;
  let alpha: ApiClient;
  let beta: ApiClient;
  let alphaReader: ApiClient;
  let alphaJob: string;

  /** Fires the job now (waiting out a 429) and answers the call it made, found by its Idempotency-Key. */
  async function fire(api: ApiClient, jobId: string): Promise<ReceivedCall> {
    let executed = await api.request<{ runId: string }>('POST', `/api/jobs/${jobId}/execute`);
    for (let tries = 0; executed.status === 429 && tries < 5; tries++) {
      const wait = Number(executed.headers.get('retry-after') ?? '1');
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      executed = await api.request<{ runId: string }>('POST', `/api/jobs/${jobId}/execute`);
    }
    expect(executed.status).toBe(202);
    const key = `${jobId}/${executed.body.runId}`;
    const deadline = Date.now() + CALL_TIMEOUT_MS;
    let call = receiver.calls.find((c) => c.headers['idempotency-key'] === key);
    while (!call && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      call = receiver.calls.find((c) => c.headers['idempotency-key'] === key);
    }
    if (!call) throw new Error(`no call for ${key} within ${CALL_TIMEOUT_MS} ms`);
    return call;
  }

  /** Fires until a call carries `count` signatures (executors see a rotation step within propagationSeconds). */
  async function fireUntilSignedWith(count: number, timeoutMs: number): Promise<ReceivedCall> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const call = await fire(alpha, alphaJob);
      if (signaturesOf(call).length === count || Date.now() > deadline) return call;
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }
  }

  const secretOf = async (api: ApiClient) => {
    const response = await api.request<SigningSecret>('GET', '/api/signing-secret');
    expect(response.status).toBe(200);
    return response.body;
  };
  const rotate = (api: ApiClient, body: Record<string, unknown>) =>
    api.request<SigningSecret & { code?: string }>('POST', '/api/signing-secret/rotate', body);

  beforeAll(async () => {
    await receiver.start();
    [alpha, beta, alphaReader] = await Promise.all([
      ApiClient.forTenant('alpha'),
      ApiClient.forTenant('beta'),
      ApiClient.forTenant('alpha', ['scheduler/jobs:read']),
    ]);
    // A rotation left open by an earlier, interrupted run would change what the calls carry.
    if ((await secretOf(alpha)).next) await rotate(alpha, { phase: 'cancel' });
    const created = await alpha.request<{ id: string }>('POST', '/api/jobs', {
      name: 'signed webhook',
      schedule: { expression: 'rate(1 day)' },
      target: { type: 'http', url: receiver.url(path) },
      payload: { sign: 'me', ratio: 1.5 },
    });
    expect(created.status).toBe(201);
    alphaJob = created.body.id;
  });
  afterAll(async () => {
    await alpha.cleanup();
    await beta.cleanup();
    await receiver.stop();
  });

  it("signs alpha's call so the standardwebhooks package verifies it with alpha's secret from GET /api/signing-secret", async () => {
    const secret = await secretOf(alpha);
    expect(secret.current.secret).toMatch(/^whsec_/);
    // Wait out a rotation step of an earlier run still cached by an executor: one signature is the norm.
    const call = await fireUntilSignedWith(1, (secret.propagationSeconds + 15) * 1000);
    expect(
      new Webhook(secret.current.secret).verify(call.body, call.headers as Record<string, string>),
    ).toEqual({
      sign: 'me',
      ratio: 1.5,
    });
    expect(call.headers['webhook-id']).toMatch(/^msg_[A-Za-z0-9_-]+$/);
    expect(call.headers['x-scheduler-signature']).toBeUndefined();
    // A read-only token may neither read the secret (it would sign calls the receivers trust) nor rotate it.
    expect((await alphaReader.request('GET', '/api/signing-secret')).status).toBe(403);
    expect((await rotate(alphaReader, { phase: 'begin' })).status).toBe(403);
  });

  it("makes beta's receiver refuse a call made for alpha, and alpha's refuse one beta aimed at it", async () => {
    const alphaSecret = await secretOf(alpha);
    const betaSecret = await secretOf(beta);
    const forAlpha = await fire(alpha, alphaJob);
    await ledger.attempt("beta's secret verifies alpha's call", () =>
      verifies(betaSecret.current.secret, forAlpha),
    );
    // Beta points a job at alpha's receiver (the forgery of issue 11): alpha's verification refuses it.
    const aimed = await beta.request<{ id: string }>('POST', '/api/jobs', {
      name: 'aimed at alpha',
      schedule: { expression: 'rate(1 day)' },
      target: { type: 'http', url: receiver.url(path) },
      payload: { sign: 'me', ratio: 1.5 },
    });
    expect(aimed.status).toBe(201);
    const fromBeta = await fire(beta, aimed.body.id);
    expect(verifies(betaSecret.current.secret, fromBeta)).toBe(true);
    await ledger.attempt("alpha's receiver accepts beta's call", () =>
      verifies(alphaSecret.current.secret, fromBeta),
    );
    await ledger.attempt(
      "beta reads alpha's secret",
      () => betaSecret.current.secret === alphaSecret.current.secret,
    );
  });

  it('rotates without a refused call: begin signs with both secrets, complete with the new one alone', async () => {
    const before = await secretOf(alpha);
    const begun = await rotate(alpha, { phase: 'begin' });
    expect(begun.status).toBe(200);
    const next = begun.body.next?.secret ?? '';
    expect(next).toMatch(/^whsec_/);
    expect(begun.body.current.secret).toBe(before.current.secret);
    expect((await rotate(alpha, { phase: 'begin' })).body.next?.secret).toBe(next);

    const both = await fireUntilSignedWith(2, (begun.body.propagationSeconds + 15) * 1000);
    expect(signaturesOf(both)).toHaveLength(2);
    expect(verifies(before.current.secret, both)).toBe(true);
    expect(verifies(next, both)).toBe(true);

    const completed = await rotate(alpha, { phase: 'complete', generation: begun.body.next?.generation });
    expect(completed.status).toBe(200);
    expect(completed.body.current.secret).toBe(next);
    expect(completed.body.next).toBeUndefined();
    const again = await rotate(alpha, { phase: 'complete' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('signing_rotation_not_started');

    const after = await fireUntilSignedWith(1, (completed.body.propagationSeconds + 15) * 1000);
    expect(signaturesOf(after)).toHaveLength(1);
    expect(verifies(next, after)).toBe(true);
    await ledger.attempt('the retired secret verifies a call after the rotation', () =>
      verifies(before.current.secret, after),
    );
  });
});
