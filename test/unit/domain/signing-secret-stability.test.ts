import { describe, expect, it } from 'vitest';
import { rotated, type SigningGenerations } from '../../../lambdas/domain/signing-rotation.js';
import { tenantSigningSecret } from '../../../lambdas/domain/tenant-signing-secret.js';
import { signatureHeaders } from '../../../lambdas/domain/webhook-signature.js';
import { TEST_MASTER_KEY } from '../../support/in-memory-signing.js';

describe('signing secrets that receivers hold', () => {
  // Receivers keep the secret they were given: a release deriving it differently would break every one of them.
  // The vectors are computed independently:
  // python3 -c 'import hmac,hashlib,base64;print(base64.b64encode(hmac.new(KEY,b"serverless-scheduler/webhook-signing-secret/v1\0" + b"5:alpha\0" + b"1",hashlib.sha256).digest()).decode())'
  it.each([
    ['alpha', 1, 'whsec_IDXAXHVEnayqv4UZNafuTX+DlD5kcaeAy95hhrrJvA8='],
    ['béta', 2, 'whsec_3xXBznz8Vo+5VX9mEt7mury4W65yxjaFVPxauJcV9M8='],
  ])('are derived for tenant %s, generation %i, the same in every release', (tenant, generation, secret) => {
    expect(tenantSigningSecret(TEST_MASTER_KEY, tenant, generation)).toBe(secret);
  });

  it('are refused for signing unless they are whsec_ secrets', () => {
    const raw = Buffer.alloc(32, 7).toString('base64');
    expect(() => signatureHeaders({ current: raw }, 'msg_x', 1_800_000_000, '{}')).toThrow(/whsec_/);
    expect(() =>
      signatureHeaders({ current: `whsec_${raw}`, next: raw }, 'msg_x', 1_800_000_000, '{}'),
    ).toThrow(/whsec_/);
  });

  it('sign nothing without a webhook id', () => {
    expect(() =>
      signatureHeaders({ current: `whsec_${Buffer.alloc(32).toString('base64')}` }, '', 1, '{}'),
    ).toThrow(/non-empty/);
  });

  it('cannot be completed to the current generation while a rotation is under way: that is a mismatch', () => {
    const rotating: SigningGenerations = { current: 2, next: 3, issued: 3, version: 4 };
    expect(() => rotated(rotating, { phase: 'complete', generation: 2 }, '2026-11-27T10:00:00.000Z')).toThrow(
      expect.objectContaining({ code: 'signing_generation_mismatch' }),
    );
  });
});
