import * as z from 'zod/mini';
import type { FireMessage } from '../domain/fire-message.js';
import { FireMessageSchema } from '../domain/fire-message-schema.js';
import { parseWith } from '../domain/validation.js';
import type { DeadLetter, DeadLetterQueue, DispatchQueue } from './ports.js';

/** Receive calls one request may make: the DLQ is sampled, not drained, per request. */
const MAX_RECEIVES = 10;

/** The fire in a dead letter, when it is one and belongs to `tenant`. */
function fireOf(letter: DeadLetter, tenant: string): FireMessage | undefined {
  try {
    const fire = FireMessageSchema.parse(JSON.parse(letter.body));
    return fire.tenant === tenant ? fire : undefined;
  } catch {
    return undefined; // malformed messages carry no tenant: only an operator sees them, on the queue itself
  }
}

export const PeekQuerySchema = z.lazy(() =>
  z.strictObject({
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 10),
  }),
);

/** The caller's fires on the DLQ: what failed, when, and why. Messages stay on the queue. */
export async function peekDeadLetters(
  deps: { readonly deadLetters: DeadLetterQueue },
  tenant: string,
  query: Record<string, string | undefined>,
) {
  const { limit } = parseWith(PeekQuerySchema, query, 'query');
  const seen = new Map<
    string,
    { messageId: string; fire: FireMessage; reason?: string; sentAt?: string; receiveCount: number }
  >();
  for (let call = 0; call < MAX_RECEIVES && seen.size < limit; call++) {
    const letters = await deps.deadLetters.peek(10);
    if (letters.length === 0) break;
    for (const letter of letters) {
      const fire = fireOf(letter, tenant);
      if (!fire || seen.has(letter.messageId)) continue;
      const { receiptHandle: _handle, body: _body, ...shown } = letter;
      seen.set(letter.messageId, { ...shown, fire });
    }
  }
  return { items: [...seen.values()].slice(0, limit) };
}

export const RedriveSchema = z.lazy(() =>
  z.strictObject({
    limit: z._default(z.int().check(z.minimum(1), z.maximum(100)), 100),
  }),
);

/**
 * Moves the caller's fires from the DLQ back to the dispatch queue, after the cause was fixed. Each is sent
 * before it is removed, so a failure in between leaves a duplicate message (which the run lock absorbs),
 * never a lost fire. Other tenants' messages are put back untouched.
 */
export async function redriveDeadLetters(
  deps: { readonly deadLetters: DeadLetterQueue; readonly dispatch: DispatchQueue },
  tenant: string,
  body: unknown,
): Promise<{ redriven: number }> {
  const { limit } = parseWith(RedriveSchema, body ?? {}, 'redrive request');
  let redriven = 0;
  for (let call = 0; call < MAX_RECEIVES && redriven < limit; call++) {
    const letters = await deps.deadLetters.take(Math.min(10, limit - redriven), 30);
    if (letters.length === 0) break;
    for (const letter of letters) {
      const fire = fireOf(letter, tenant);
      if (!fire) {
        await deps.deadLetters.release(letter.receiptHandle);
        continue;
      }
      await deps.dispatch.send(fire);
      await deps.deadLetters.remove(letter.receiptHandle);
      redriven++;
    }
  }
  return { redriven };
}
