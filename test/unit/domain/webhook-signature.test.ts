import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { INITIAL_GENERATIONS } from '../../../lambdas/domain/signing-rotation.js';
import { tenantSigningSecrets } from '../../../lambdas/domain/tenant-signing-secret.js';
import { signatureHeaders, webhookIdOf } from '../../../lambdas/domain/webhook-signature.js';
import { hostileTenantLedger } from '../../support/hostile-tenant.js';
import { TEST_MASTER_KEY } from '../../support/in-memory-signing.js';

const JOB = '01KBZ0RW8B6X5VDX3M0Q2C7N4T';
const MANUAL_RUN = '2026-11-27T10:00:00.000Z~01KBZ0S1YQ4J9M2T6W8H3C5D7F';
const BODY = '{"report":"daily.v2","ratio":1.5,"host":"a.example.com"}';
const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The receiver of the README's "Webhook calls" section, as written there: the published library, the secret
 * from GET /api/signing-secret, the raw body and the request's headers.
 */
function receiverAccepts(secret: string, rawBody: string, headers: Record<string, string>): boolean {
  const wh = new Webhook(secret);
  try {
    wh.verify(rawBody, headers); // throws WebhookVerificationError: forged, altered, or older than 5 minutes
    return true;
  } catch {
    return false;
  }
}

const alpha = tenantSigningSecrets(TEST_MASTER_KEY, 'alpha', INITIAL_GENERATIONS);
const beta = tenantSigningSecrets(TEST_MASTER_KEY, 'beta', INITIAL_GENERATIONS);
const signedForAlpha = (timestamp = nowSeconds(), body = BODY) =>
  signatureHeaders(alpha, webhookIdOf(JOB, MANUAL_RUN), timestamp, body);

describe('Standard Webhooks signatures', () => {
  it('signs exactly as the published library does, and the library verifies our call', () => {
    const headers = signedForAlpha();
    const wh = new Webhook(alpha.current);
    const timestamp = new Date(Number(headers['webhook-timestamp']) * 1000);
    expect(headers['webhook-signature']).toBe(wh.sign(headers['webhook-id'] ?? '', timestamp, BODY));
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(wh.verify(BODY, headers)).toEqual(JSON.parse(BODY));
    expect(receiverAccepts(alpha.current, BODY, headers)).toBe(true);
  });

  it('matches a vector computed independently (HMAC-SHA256 of "msg_x.1800000000.{}" under key bytes 0..31)', () => {
    const key = `whsec_${Buffer.from([...Array(32).keys()]).toString('base64')}`;
    // python3 -c 'import hmac,hashlib,base64;print(base64.b64encode(hmac.new(bytes(range(32)),b"msg_x.1800000000.{}",hashlib.sha256).digest()).decode())'
    expect(signatureHeaders({ current: key }, 'msg_x', 1_800_000_000, '{}')['webhook-signature']).toBe(
      'v1,DPvIN/t4l/jDBnI7eqGTzCU/qLk7STyt1pjVzIpBhxA=',
    );
  });

  it('gives one fire one dot-free webhook-id, whatever its run id; different fires different ids', () => {
    expect(webhookIdOf(JOB, MANUAL_RUN)).toBe(webhookIdOf(JOB, MANUAL_RUN));
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (job, run, otherJob, otherRun) => {
        const id = webhookIdOf(job, run);
        expect(id).not.toContain('.');
        expect(id).toMatch(/^msg_[A-Za-z0-9_-]*$/);
        if (`${job}/${run}` !== `${otherJob}/${otherRun}`)
          expect(webhookIdOf(otherJob, otherRun)).not.toBe(id);
      }),
    );
  });

  it('refuses to sign an id holding a dot, or a timestamp that is not whole seconds', () => {
    expect(() => signatureHeaders(alpha, `${JOB}/${MANUAL_RUN}`, nowSeconds(), BODY)).toThrow(/no dot/);
    expect(() => signatureHeaders(alpha, 'msg_x', 1.5, BODY)).toThrow(/whole Unix seconds/);
  });

  it('signs with current and next during a rotation: a receiver holding either accepts, one holding neither does not', () => {
    const rotating = tenantSigningSecrets(TEST_MASTER_KEY, 'alpha', { current: 1, next: 2 });
    const headers = signatureHeaders(rotating, webhookIdOf(JOB, MANUAL_RUN), nowSeconds(), BODY);
    expect(headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(receiverAccepts(rotating.current, BODY, headers)).toBe(true);
    expect(receiverAccepts(rotating.next ?? '', BODY, headers)).toBe(true);
    const third = tenantSigningSecrets(TEST_MASTER_KEY, 'alpha', { current: 3 }).current;
    expect(receiverAccepts(third, BODY, headers)).toBe(false);
  });
});

describe('hostile tenant: webhook signatures', () => {
  const ledger = hostileTenantLedger('webhook signatures');

  it("cannot make tenant B's receiver accept a call made for tenant A", async () => {
    await ledger.attempt("B's secret verifies A's call", () =>
      receiverAccepts(beta.current, BODY, signedForAlpha()),
    );
    const rotatingBeta = tenantSigningSecrets(TEST_MASTER_KEY, 'beta', { current: 1, next: 2 });
    await ledger.attempt("B's next secret verifies A's call", () =>
      receiverAccepts(rotatingBeta.next ?? '', BODY, signedForAlpha()),
    );
  });

  it('cannot replay a call once it is older than the tolerance', async () => {
    const old = nowSeconds() - 24 * 3600;
    await ledger.attempt('a day-old call replayed as it was', () =>
      receiverAccepts(alpha.current, BODY, signedForAlpha(old)),
    );
    await ledger.attempt('a 6-minute-old call replayed as it was', () =>
      receiverAccepts(alpha.current, BODY, signedForAlpha(nowSeconds() - 360)),
    );
  });

  it.each([
    ['a day-old', 24 * 3600],
    ['a fresh', 0],
  ])(
    'cannot re-split %s signed call (the dot-shift attack of issue 11) into another id or timestamp',
    async (_age, ageSeconds) => {
      const headers = signedForAlpha(nowSeconds() - ageSeconds);
      const content = `${headers['webhook-id']}.${headers['webhook-timestamp']}.${BODY}`;
      const dots = [...content.matchAll(/\./g)].map((match) => match.index);
      let tried = 0;
      for (const i of dots) {
        for (const j of dots.filter((dot) => dot > i)) {
          const forged = {
            ...headers,
            'webhook-id': content.slice(0, i),
            'webhook-timestamp': content.slice(i + 1, j),
          };
          const body = content.slice(j + 1);
          if (forged['webhook-id'] === headers['webhook-id'] && body === BODY) continue;
          tried++;
          await ledger.attempt(`re-split ${_age} call at ${i}/${j}`, () =>
            receiverAccepts(alpha.current, body, forged),
          );
        }
      }
      expect(tried).toBeGreaterThanOrEqual(3);
      // The id carries no dot of its own, so no split moves the id/timestamp boundary inside it.
      expect(headers['webhook-id']).not.toContain('.');
    },
  );
});
