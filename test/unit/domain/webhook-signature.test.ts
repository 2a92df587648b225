import { describe, expect, it } from 'vitest';
import { signatureHeaders, verifySignature } from '../../../lambdas/domain/webhook-signature.js';

const now = 1_800_000_000;

describe('webhook signatures', () => {
  it('signs id, timestamp and body with HMAC-SHA256, verifiable by the receiver', () => {
    const headers = signatureHeaders({ current: 'k1' }, 'job/run', now, '{"a":1}');
    expect(headers['x-scheduler-timestamp']).toBe(String(now));
    // HMAC-SHA256("k1", 'job/run.1800000000.{"a":1}'), computed independently with openssl.
    expect(headers['x-scheduler-signature']).toBe(
      'v1=bf0f4d84eccac43036d95b1db9fc033485a5df012f1555141e3c1f2112e936a5',
    );
    expect(
      verifySignature(
        'k1',
        { id: 'job/run', timestamp: String(now), signature: headers['x-scheduler-signature'] ?? '' },
        '{"a":1}',
        now,
      ),
    ).toBe(true);
  });

  it('signs with both keys during a rotation, so a receiver holding either one accepts the call', () => {
    const headers = signatureHeaders({ current: 'old', next: 'new' }, 'id', now, 'body');
    const signature = headers['x-scheduler-signature'] ?? '';
    expect(signature.split(', ')).toHaveLength(2);
    for (const key of ['old', 'new']) {
      expect(verifySignature(key, { id: 'id', timestamp: String(now), signature }, 'body', now)).toBe(true);
    }
  });

  it.each([
    ['another key', 'other', 'id', 'body', now],
    ['another id', 'k', 'other-id', 'body', now],
    ['a changed body', 'k', 'id', 'body!', now],
    ['a replay 6 minutes later', 'k', 'id', 'body', now + 360],
  ])('rejects %s', (_case, key, id, body, verifiedAt) => {
    const signature = signatureHeaders({ current: 'k' }, 'id', now, 'body')['x-scheduler-signature'] ?? '';
    expect(verifySignature(key, { id, timestamp: String(now), signature }, body, verifiedAt)).toBe(false);
  });
});
