import { createHmac } from 'node:crypto';

/**
 * The Standard Webhooks secrets a call is signed with (`whsec_<base64 key bytes>`): the tenant's current one,
 * and during a rotation its next one as well, so receivers switch secrets without a failed call.
 */
export interface SigningSecrets {
  readonly current: string;
  readonly next?: string;
}

export const WEBHOOK_ID_HEADER = 'webhook-id';
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';
export const SECRET_PREFIX = 'whsec_';

/**
 * The `webhook-id` of a fire: the same for every delivery and attempt of one run (receivers dedupe on it) and
 * never containing a dot, so the signed `id.timestamp.body` splits one way only. The Idempotency-Key
 * (`<jobId>/<runId>`, whose run id holds dots) is base64url-encoded: injective, and `.`-free by construction.
 */
export function webhookIdOf(jobId: string, runId: string): string {
  return `msg_${Buffer.from(`${jobId}/${runId}`, 'utf8').toString('base64url')}`;
}

/** The key bytes of a `whsec_` secret. */
function keyOf(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('a signing secret must start with whsec_');
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
}

/**
 * The Standard Webhooks headers of a call: `webhook-id`, `webhook-timestamp` (Unix seconds) and
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, one value per secret, separated
 * by spaces. A receiver accepts the call if any v1 value matches its secret and the timestamp is recent.
 */
export function signatureHeaders(
  secrets: SigningSecrets,
  id: string,
  timestampSeconds: number,
  body: string,
): Record<string, string> {
  // A dot in the id would let `id.timestamp` be re-split into another id and a non-numeric timestamp.
  if (id.includes('.') || id.length === 0) throw new Error('a webhook id must be non-empty and hold no dot');
  if (!Number.isSafeInteger(timestampSeconds)) throw new Error('a webhook timestamp is whole Unix seconds');
  const content = `${id}.${timestampSeconds}.${body}`;
  const signatures = [secrets.current, secrets.next]
    .filter((secret): secret is string => !!secret)
    .map((secret) => `v1,${createHmac('sha256', keyOf(secret)).update(content).digest('base64')}`);
  return {
    [WEBHOOK_ID_HEADER]: id,
    [WEBHOOK_TIMESTAMP_HEADER]: String(timestampSeconds),
    [WEBHOOK_SIGNATURE_HEADER]: signatures.join(' '),
  };
}
