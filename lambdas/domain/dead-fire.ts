import type { FireMessage } from './fire-message.js';

/** A fire that died (on the DLQ), filed under the tenant that owns its job, for that tenant's DLQ tools. */
export interface DeadFire {
  /** `<sentAt>#<messageId>`: unique within the tenant's dead fires, and their order. */
  readonly id: string;
  readonly tenant: string;
  /** The dead-letter message's id: stable across redeliveries, so a fire is filed once. */
  readonly messageId: string;
  readonly fire: FireMessage;
  /** Why it died, when the service that dead-lettered it said so. */
  readonly reason?: string;
  /** When the message was first sent (SQS keeps a fire's original time when it moves it to the DLQ). */
  readonly sentAt: string;
  /** When the sorter filed it. */
  readonly filedAt: string;
  /** Receives of the dead-letter message when it was filed. */
  readonly receiveCount: number;
}

export const deadFireId = (sentAt: string, messageId: string) => `${sentAt}#${messageId}`;

/**
 * Why a dead letter went to the operators' quarantine instead of a tenant's dead fires: it is no fire message,
 * its job is gone (nobody can vouch for the tenant it names), or it names a tenant that does not own its job
 * (forged or corrupted: filed under neither tenant).
 */
export type QuarantineReason = 'malformed' | 'job_not_found' | 'tenant_mismatch';
