import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { tenantSigningSecret } from '../../../lambdas/domain/tenant-signing-secret.js';
import { TEST_MASTER_KEY } from '../../support/in-memory-signing.js';

describe("a tenant's derived signing secret", () => {
  it('is a whsec_ secret of 32 key bytes that the published library accepts, the same every time', () => {
    const secret = tenantSigningSecret(TEST_MASTER_KEY, 'alpha', 1);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(() => new Webhook(secret)).not.toThrow();
    expect(tenantSigningSecret(TEST_MASTER_KEY, 'alpha', 1)).toBe(secret);
  });

  it('differs for every other tenant, generation or master key (no two encodings alike)', () => {
    const secret = tenantSigningSecret(TEST_MASTER_KEY, 'a', 11);
    // Pairs that a naive join ("a" + "11" / "a1" + "1", separators inside a tenant) would confuse.
    expect(tenantSigningSecret(TEST_MASTER_KEY, 'a1', 1)).not.toBe(secret);
    expect(tenantSigningSecret(TEST_MASTER_KEY, 'a\u00001', 1)).not.toBe(secret);
    expect(tenantSigningSecret(`${TEST_MASTER_KEY}x`, 'a', 11)).not.toBe(secret);
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 1, max: 1e6 }),
        fc.string(),
        fc.integer({ min: 1, max: 1e6 }),
        (t1, g1, t2, g2) => {
          fc.pre(t1 !== t2 || g1 !== g2);
          expect(tenantSigningSecret(TEST_MASTER_KEY, t1, g1)).not.toBe(
            tenantSigningSecret(TEST_MASTER_KEY, t2, g2),
          );
        },
      ),
    );
  });

  it('refuses a generation that is not a whole number from 1', () => {
    for (const generation of [0, -1, 1.5, Number.NaN]) {
      expect(() => tenantSigningSecret(TEST_MASTER_KEY, 'alpha', generation)).toThrow(/generation/);
    }
  });
});
