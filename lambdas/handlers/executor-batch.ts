import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { FireMessageSchema } from '../domain/fire-message.js';
import { parseWith } from '../domain/validation.js';
import { logger } from '../logger.js';
import { type ExecuteFireDeps, executeFire } from '../use-cases/execute-fire.js';

/** Milliseconds kept back from the lease so a run is recorded before the Lambda's own deadline. */
const LEASE_SAFETY_MS = 2_000;

/**
 * Runs a batch of fires concurrently and reports only the failed records, so SQS redelivers those alone.
 * A record fails when its fire could not be recorded (an AWS error); a target failure is a recorded result.
 */
export async function runFireBatch(
  deps: ExecuteFireDeps,
  event: SQSEvent,
  remainingMs: () => number,
): Promise<SQSBatchResponse> {
  const results = await Promise.allSettled(
    event.Records.map((record) => runRecord(deps, record, remainingMs)),
  );
  const batchItemFailures = results.flatMap((result, index) =>
    result.status === 'rejected' ? [{ itemIdentifier: event.Records[index]?.messageId ?? '' }] : [],
  );
  return { batchItemFailures };
}

async function runRecord(deps: ExecuteFireDeps, record: SQSRecord, remainingMs: () => number): Promise<void> {
  const context = { messageId: record.messageId, receiveCount: record.attributes.ApproximateReceiveCount };
  try {
    const message = parseWith(FireMessageSchema, JSON.parse(record.body), 'fire message');
    const result = await executeFire(deps, {
      message,
      sentAtMs: Number(record.attributes.SentTimestamp),
      leaseMs: Math.max(1_000, remainingMs() - LEASE_SAFETY_MS),
    });
    logger.info('fire handled', { ...context, jobId: message.jobId, tenant: message.tenant, ...result });
  } catch (error) {
    logger.error('fire failed', {
      ...context,
      error: (error as Error).name,
      detail: (error as Error).message,
    });
    throw error;
  }
}
