import type { TenantRunSlots } from './ports.js';

/** One of a tenant's slots for runs in progress, held for one attempt. */
export interface RunSlot {
  release(): Promise<void>;
}

const NO_LIMIT: RunSlot = { release: async () => undefined };

/**
 * Takes one of the tenant's run slots for the attempt's lease, or answers undefined when the tenant has all
 * its runs in progress. Without a slot store (the limit switched off) every attempt gets a slot.
 */
export async function takeRunSlot(
  slots: TenantRunSlots | undefined,
  request: { tenant: string; leaseMs: number; nowMs: number },
): Promise<RunSlot | undefined> {
  if (!slots) return NO_LIMIT;
  const token = await slots.acquire({
    tenant: request.tenant,
    leaseUntilMs: request.nowMs + request.leaseMs,
    nowMs: request.nowMs,
  });
  if (token === undefined) return undefined;
  return {
    // A release that fails leaves the slot to its lease, which ends it: never fail a recorded run for it.
    release: () => slots.release(request.tenant, token).catch(() => undefined),
  };
}
