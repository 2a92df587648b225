import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { ValidationError } from '../domain/errors.js';
import type { FireMessage } from '../domain/fire-message.js';
import { FireMessageSchema } from '../domain/fire-message-schema.js';
import { parseWith } from '../domain/validation.js';
import { type Logger, logger } from '../logger.js';
import { type ExecuteFireDeps, executeFire } from '../use-cases/execute-fire.js';

/** Milliseconds kept back from the lease so a run is recorded before the Lambda's own deadline. */
const LEASE_SAFETY_MS = 2_000;

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
    result.status === 'rejected' || result.value === 'again'
      ? [{ itemIdentifier: event.Records[index]?.messageId ?? '' }]
      : [],
  );
  return { batchItemFailures };
}

async function runRecord(deps: ExecutorDeps, record: SQSRecord, remainingMs: () => number, batchLog: Logger) {
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
    return 'done';
  }
  log = log.with({ tenant: message.tenant, jobId: message.jobId });
  try {
    const result = await executeFire(deps, {
      message,
      sentAtMs: Number(record.attributes.SentTimestamp),
      leaseMs: Math.max(1_000, remainingMs() - LEASE_SAFETY_MS),
    });
    // For a scheduled fire the run id is its scheduled time.
    log.info('fire handled', result);
    if (result.kind === 'retry' || result.kind === 'in_progress') {
      await deps.queue.deliverAgainIn(record.receiptHandle, result.delaySeconds);
      return 'again';
    }
    if (result.kind === 'delayed') {
      // A new message, the original acknowledged: however long the tenant stays at its limit, the fire never
      // reaches maxReceiveCount. It carries its scheduled time, which the emulators' fires do not.
      const waits = (message.slotWaits ?? 0) + 1;
      await deps.queue.sendLater(
        { ...message, scheduledTime: result.scheduledTime, slotWaits: waits },
        result.delaySeconds,
      );
    }
    return 'done';
  } catch (error) {
    log.error('fire failed', { error: (error as Error).name, detail: (error as Error).message });
    throw error;
  }
}
