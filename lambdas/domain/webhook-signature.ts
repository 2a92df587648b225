import { createHmac, timingSafeEqual } from 'node:crypto';

/** Signing keys of webhook calls: the one in use and the one that replaces it, so keys rotate without downtime. */
export interface SigningKeys {
  readonly current: string;
  readonly next?: string;
}

export const SIGNATURE_HEADER = 'x-scheduler-signature';
export const TIMESTAMP_HEADER = 'x-scheduler-timestamp';

/** The signed content: id, timestamp and body joined by dots, so none of them can be swapped. */
const signedContent = (id: string, timestampSeconds: number, body: string) =>
  `${id}.${timestampSeconds}.${body}`;

const hmac = (key: string, content: string) => createHmac('sha256', key).update(content).digest('hex');

/**
 * The signature headers of a webhook call: `x-scheduler-timestamp` (Unix seconds) and
 * `x-scheduler-signature: v1=<hex HMAC-SHA256 with the current key>[, v1=<with the next key>]` over
 * `<idempotency key>.<timestamp>.<body>`. A receiver accepts the call if any v1 value matches a key it holds.
 */
export function signatureHeaders(
  keys: SigningKeys,
  id: string,
  timestampSeconds: number,
  body: string,
): Record<string, string> {
  const content = signedContent(id, timestampSeconds, body);
  const signatures = [keys.current, keys.next]
    .filter((key): key is string => !!key)
    .map((key) => `v1=${hmac(key, content)}`);
  return { [TIMESTAMP_HEADER]: String(timestampSeconds), [SIGNATURE_HEADER]: signatures.join(', ') };
}

/**
 * What a receiver does (documented in the README, and used by the tests): recompute the signature with its
 * key and refuse calls older than `toleranceSeconds` (default 5 minutes), which stops replays.
 */
export function verifySignature(
  key: string,
  headers: { id: string; timestamp: string; signature: string },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(`v1=${hmac(key, signedContent(headers.id, timestamp, body))}`);
  return headers.signature.split(',').some((value) => {
    const candidate = Buffer.from(value.trim());
    return candidate.length === expected.length && timingSafeEqual(candidate, expected);
  });
}
