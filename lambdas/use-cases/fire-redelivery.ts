import type { FireMessage } from '../domain/fire-message.js';
import type { FireResult } from './execute-fire.js';

/** What the dispatch queue does with a fire's message once the fire was handled. */
export type Redelivery =
  /** Done with: the message is deleted. */
  | { readonly kind: 'acknowledge' }
  /** The same message, visible again after `delaySeconds`: a retry that is due then, or another holder's lease end. */
  | { readonly kind: 'deliver_again'; readonly delaySeconds: number }
  /**
   * A new message, the original acknowledged: a fire kept waiting for its tenant's run slot, which however long
   * the tenant stays at its limit never reaches maxReceiveCount. It carries its scheduled time, which the
   * emulators' fires do not, and counts the waits.
   */
  | { readonly kind: 'send_again'; readonly message: FireMessage; readonly delaySeconds: number };

/** How the queue carries a fire on from what became of it. */
export function redeliveryOf(message: FireMessage, result: FireResult): Redelivery {
  switch (result.kind) {
    case 'retry':
    case 'in_progress':
      return { kind: 'deliver_again', delaySeconds: result.delaySeconds };
    case 'delayed':
      return {
        kind: 'send_again',
        message: { ...message, scheduledTime: result.scheduledTime, slotWaits: (message.slotWaits ?? 0) + 1 },
        delaySeconds: result.delaySeconds,
      };
    default:
      return { kind: 'acknowledge' };
  }
}
