import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '../logger.js';
import {
  type ArrivedDeadLetter,
  type SortDeadLetterDeps,
  sortDeadLetter,
} from '../use-cases/sort-dead-letter.js';

function arrived(record: SQSRecord): ArrivedDeadLetter {
  const reason = record.messageAttributes?.reason?.stringValue;
  return {
    messageId: record.messageId,
    body: record.body,
    ...(reason ? { reason } : {}),
    sentAtMs: Number(record.attributes.SentTimestamp),
    receiveCount: Number(record.attributes.ApproximateReceiveCount ?? 0),
  };
}

/**
 * Sorts a batch of dead letters and reports only those that failed for an AWS reason (table or quarantine
 * unreachable): SQS delivers them again; filing is idempotent, so a record filed before the failure is not
 * filed twice. A dead letter that keeps failing moves on to the quarantine queue by the DLQ's redrive policy.
 */
export async function sortDeadLetterBatch(
  deps: SortDeadLetterDeps,
  event: SQSEvent,
  requestId = 'local',
): Promise<SQSBatchResponse> {
  const log = logger.with({ requestId });
  const results = await Promise.allSettled(
    event.Records.map(async (record) => {
      const outcome = await sortDeadLetter(deps, arrived(record));
      const fields = { messageId: record.messageId, ...outcome };
      if (outcome.kind === 'quarantined') log.warn('dead letter quarantined', fields);
      else log.info('dead letter sorted', fields);
    }),
  );
  const batchItemFailures = results.flatMap((result, index) => {
    if (result.status === 'fulfilled') return [];
    const messageId = event.Records[index]?.messageId ?? '';
    log.error('dead letter not sorted', {
      messageId,
      error: (result.reason as Error).name,
      detail: (result.reason as Error).message,
    });
    return [{ itemIdentifier: messageId }];
  });
  return { batchItemFailures };
}
