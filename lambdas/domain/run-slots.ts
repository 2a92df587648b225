/** The longest a fire waits between two tries for one of its tenant's run slots. */
export const MAX_SLOT_WAIT_SECONDS = 30;

/**
 * How long a fire waits before it tries again for one of its tenant's run slots, after `waitsSoFar` waits:
 * 5 s doubling to 30 s, with the upper half jittered so that a saturated tenant's waiting fires do not all
 * come back at once. Short enough that a tenant whose burst ended is running again within half a minute;
 * long enough that a tenant saturated for an hour costs ≈ one receive and one refused write per waiting fire
 * per 15–30 s.
 */
export function slotWaitSeconds(waitsSoFar: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_SLOT_WAIT_SECONDS, 5 * 2 ** Math.max(0, waitsSoFar));
  return Math.ceil(ceiling / 2 + (random() * ceiling) / 2);
}
