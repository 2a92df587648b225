import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { ValidationError } from '../domain/errors.js';
import type { FireMessage } from '../domain/fire-message.js';
import { FireMessageSchema } from '../domain/fire-message-schema.js';
import { leaseForRemainingTime } from '../domain/lease.js';
import { parseWith } from '../domain/validation.js';
import { type Logger, logger } from '../logger.js';
import { type ExecuteFireDeps, executeFire, redeliveryOf } from '../use-cases/execute-fire.js';

/** The dispatch queue as the executor sees it while handling a batch. */
export interface DispatchQueueControl {
  /** Makes a received message visible again after `seconds` (its retry or its holder's lease end). */
  deliverAgainIn(receiptHandle: string, seconds: number): Promise<void>;
  /**
   * Puts a fire on the queue again as a new message, delivered after `delaySeconds` (at most 900): a fire
   * kept waiting for its tenant's run slot, which must not spend the receives that lead to the DLQ.
   */
  sendLater(message: FireMessage, delaySeconds: number): Promise<void>;
  /** Moves a message that can never be processed to the dead-letter queue, with the reason. */
  deadLetter(record: SQSRecord, reason: string): Promise<void>;
}

export interface ExecutorDeps extends ExecuteFireDeps {
  readonly queue: DispatchQueueControl;
}

class Malformed extends Error {}

/** What SQS is told of a record: done with it (deleted), or to deliver it again (a batch item failure). */
type RecordHandled = 'acknowledged' | 'delivered_again';

function parseFire(record: SQSRecord) {
  try {
    return parseWith(FireMessageSchema, JSON.parse(record.body), 'fire message');
  } catch (error) {
    const detail = error instanceof ValidationError ? JSON.stringify(error.fields) : (error as Error).message;
    throw new Malformed(detail);
  }
}

/**
 * Runs a batch of fires concurrently and reports only the records SQS must deliver again: those waiting for
 * a retry (made visible when it is due) or for another holder's lease, and those that failed for an AWS
 * reason (visible again after the queue's visibility timeout). Malformed messages go straight to the DLQ.
 */
export async function runFireBatch(
  deps: ExecutorDeps,
  event: SQSEvent,
  remainingMs: () => number,
  requestId = 'local',
): Promise<SQSBatchResponse> {
  const log = logger.with({ requestId });
  const results = await Promise.allSettled(
    event.Records.map((record) => runRecord(deps, record, remainingMs, log)),
  );
  const batchItemFailures = results.flatMap((result, index) =>
    result.status === 'rejected' || result.value === 'delivered_again'
      ? [{ itemIdentifier: event.Records[index]?.messageId ?? '' }]
      : [],
  );
  return { batchItemFailures };
}

async function runRecord(
  deps: ExecutorDeps,
  record: SQSRecord,
  remainingMs: () => number,
  batchLog: Logger,
): Promise<RecordHandled> {
  let log = batchLog.with({
    messageId: record.messageId,
    receiveCount: record.attributes.ApproximateReceiveCount,
  });
  let message: ReturnType<typeof parseFire>;
  try {
    message = parseFire(record);
  } catch (error) {
    log.error('malformed fire message moved to the DLQ', { detail: (error as Error).message });
    await deps.queue.deadLetter(record, `malformed fire message: ${(error as Error).message}`);
    return 'acknowledged';
  }
  log = log.with({ tenant: message.tenant, jobId: message.jobId });
  try {
    const result = await executeFire(deps, {
      message,
      sentAtMs: Number(record.attributes.SentTimestamp),
      leaseMs: leaseForRemainingTime(remainingMs()),
    });
    // For a scheduled fire the run id is its scheduled time.
    log.info('fire handled', result);
    const redelivery = redeliveryOf(message, result);
    if (redelivery.kind === 'deliver_again') {
      await deps.queue.deliverAgainIn(record.receiptHandle, redelivery.delaySeconds);
      return 'delivered_again';
    }
    if (redelivery.kind === 'send_again')
      await deps.queue.sendLater(redelivery.message, redelivery.delaySeconds);
    return 'acknowledged';
  } catch (error) {
    log.error('fire failed', { error: (error as Error).name, detail: (error as Error).message });
    throw error;
  }
}
