import * as z from 'zod/mini';
import type { FireMessage } from './fire-message.js';

/**
 * Validates a fire message taken off the dispatch queue. Apart from fire-message.ts so that what only writes
 * fire messages (the schedule registry, hence the reconciler) does not bundle zod.
 */
export const FireMessageSchema: z.ZodMiniType<FireMessage> = z.lazy(() =>
  z.object({
    jobId: z.string().check(z.minLength(1), z.maxLength(64)),
    tenant: z.string().check(z.minLength(1)),
    revision: z.int().check(z.minimum(1)),
    scheduledTime: z.string().check(z.minLength(1)),
    manualRunId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
    catchUp: z.optional(z.literal(true)),
    slotWaits: z.optional(z.int().check(z.minimum(1))),
  }),
);
