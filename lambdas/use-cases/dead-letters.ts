import * as z from 'zod/mini';
import type { DeadFire } from '../domain/dead-fire.js';
import type { Page } from '../domain/page.js';
import { CURSOR } from '../domain/page.js';
import { parseWith } from '../domain/validation.js';
import type { DeadFireStore, DispatchQueue } from './ports.js';

/** Redrives running at once: enough to move 100 in a few round trips, few enough to be gentle on SQS. */
const REDRIVE_PARALLELISM = 10;

export const ListDeadFiresQuerySchema = z.lazy(() =>
  z.strictObject({
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 10),
    cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048), z.regex(CURSOR))),
  }),
);

/** The caller's dead fires, newest first: what failed, when, and why. Nobody else's are read or touched. */
export async function listDeadFires(
  deps: { readonly deadFires: DeadFireStore },
  tenant: string,
  query: Record<string, string | undefined>,
): Promise<Page<DeadFire>> {
  const { limit, cursor } = parseWith(ListDeadFiresQuerySchema, query, 'query');
  return deps.deadFires.list(tenant, { limit, ...(cursor ? { cursor } : {}) });
}

export const RedriveSchema = z.lazy(() =>
  z
    .strictObject({
      limit: z.optional(z.int().check(z.minimum(1), z.maximum(100))),
      ids: z.optional(
        z.array(z.string().check(z.minLength(1), z.maxLength(256))).check(z.minLength(1), z.maxLength(100)),
      ),
    })
    .check(
      z.refine((request) => request.limit === undefined || request.ids === undefined, {
        message: 'Give either limit or ids, not both.',
      }),
    ),
);

async function eachBounded<T>(items: readonly T[], action: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) await action(item);
  };
  await Promise.all(Array.from({ length: Math.min(REDRIVE_PARALLELISM, items.length) }, worker));
}

/**
 * Moves the caller's dead fires back to the dispatch queue after the cause was fixed: the oldest `limit`
 * (100 by default), or the ones named by `ids` (ids that are not the caller's are not found, and not
 * counted). Each is sent before it is removed, so a failure in between leaves a duplicate fire (which the
 * run lock absorbs), never a lost one.
 */
export async function redriveDeadLetters(
  deps: { readonly deadFires: DeadFireStore; readonly dispatch: DispatchQueue },
  tenant: string,
  body: unknown,
): Promise<{ redriven: number }> {
  // Only an absent body is an empty request: a JSON null is a body, and not an object.
  const { limit, ids } = parseWith(RedriveSchema, body === undefined ? {} : body, 'redrive request');
  const chosen = ids
    ? (await Promise.all([...new Set(ids)].map((id) => deps.deadFires.get(tenant, id)))).filter(
        (deadFire): deadFire is DeadFire => deadFire !== undefined,
      )
    : await deps.deadFires.oldest(tenant, limit ?? 100);
  let redriven = 0;
  await eachBounded(chosen, async (deadFire) => {
    await deps.dispatch.send(deadFire.fire);
    await deps.deadFires.remove(tenant, deadFire.id);
    redriven++;
  });
  return { redriven };
}
