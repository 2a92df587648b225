import { type DeadFire, deadFireId, type QuarantineReason } from '../domain/dead-fire.js';
import type { FireMessage } from '../domain/fire-message.js';
import { FireMessageSchema } from '../domain/fire-message-schema.js';
import { MetricName } from '../domain/metrics.js';
import type { Clock, DeadFireStore, JobRepository, Metrics, QuarantineQueue } from './ports.js';

/** Longest reason kept from the dead-lettering service: a reason is a hint, not a document. */
const MAX_REASON_LENGTH = 256;

/** A message taken off the dead-letter queue. */
export interface ArrivedDeadLetter {
  readonly messageId: string;
  readonly body: string;
  /** The `reason` message attribute, when the service that dead-lettered it set one. */
  readonly reason?: string;
  readonly sentAtMs: number;
  readonly receiveCount: number;
}

export interface SortDeadLetterDeps {
  readonly jobs: Pick<JobRepository, 'get'>;
  readonly deadFires: DeadFireStore;
  readonly quarantine: QuarantineQueue;
  readonly clock: Clock;
  readonly metrics: Metrics;
}

export type SortOutcome =
  | { readonly kind: 'filed' | 'already_filed'; readonly tenant: string; readonly jobId: string }
  | { readonly kind: 'quarantined'; readonly reason: QuarantineReason; readonly detail: string };

type Verdict =
  | { readonly fire: FireMessage }
  | { readonly reason: QuarantineReason; readonly detail: string; readonly fire?: FireMessage };

function parsed(body: string): FireMessage | undefined {
  try {
    const result = FireMessageSchema.safeParse(JSON.parse(body));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whose dead fire this is. The tenant in the message is believed only when the job it names belongs to that
 * tenant: a message naming tenant B with A's job (or a job that does not exist) is filed under nobody, so no
 * one can plant an item in B's list that is not a fire of B's own job, nor make A's failures B's to redrive.
 */
async function verdictOn(deps: SortDeadLetterDeps, body: string): Promise<Verdict> {
  const fire = parsed(body);
  if (!fire) return { reason: 'malformed', detail: 'not a fire message' };
  const job = await deps.jobs.get(fire.jobId);
  if (!job) return { reason: 'job_not_found', detail: `no job ${fire.jobId}`, fire };
  if (job.tenant !== fire.tenant) {
    return { reason: 'tenant_mismatch', detail: `job ${fire.jobId} is not the named tenant's`, fire };
  }
  return { fire };
}

/**
 * Files one dead letter under the tenant that owns its job, once however often it is delivered; what carries
 * no tenant that can be verified goes to the operators' quarantine queue instead.
 */
export async function sortDeadLetter(
  deps: SortDeadLetterDeps,
  letter: ArrivedDeadLetter,
): Promise<SortOutcome> {
  const verdict = await verdictOn(deps, letter.body);
  const reason = letter.reason?.slice(0, MAX_REASON_LENGTH);
  if ('reason' in verdict) {
    await deps.quarantine.send({
      messageId: letter.messageId,
      body: letter.body,
      reason: verdict.reason,
      detail: verdict.detail,
      ...(reason ? { deadLetterReason: reason } : {}),
    });
    deps.metrics.add(MetricName.DeadLettersQuarantined, 1, 'Count');
    return { kind: 'quarantined', reason: verdict.reason, detail: verdict.detail };
  }
  const { fire } = verdict;
  // SQS always sends SentTimestamp; were it missing, filing now beats never filing.
  const sentAtMs = Number.isFinite(letter.sentAtMs) ? letter.sentAtMs : deps.clock.nowMs();
  const sentAt = new Date(sentAtMs).toISOString();
  const deadFire: DeadFire = {
    id: deadFireId(sentAt, letter.messageId),
    tenant: fire.tenant,
    messageId: letter.messageId,
    fire,
    ...(reason ? { reason } : {}),
    sentAt,
    filedAt: new Date(deps.clock.nowMs()).toISOString(),
    receiveCount: letter.receiveCount,
  };
  const filed = await deps.deadFires.file(deadFire);
  if (filed) deps.metrics.add(MetricName.DeadLettersFiled, 1, 'Count');
  return { kind: filed ? 'filed' : 'already_filed', tenant: fire.tenant, jobId: fire.jobId };
}
