import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { MetricName } from '../domain/metrics.js';
import { SERVICE_EVENT_SOURCE } from '../domain/target-policy.js';
import { logger } from '../logger.js';
import type { Metrics, RunEvent, RunEventPublisher } from '../use-cases/ports.js';

/** Tenants' EventBridge targets may not use it (see target-policy.ts): receivers trust it. */
export const RUN_EVENT_SOURCE = SERVICE_EVENT_SOURCE;

/**
 * Puts `Job Run Succeeded` / `Job Run Failed` on the stack's bus. The run is already recorded when this
 * runs, so a failure to announce it is logged (with the run's ids) rather than failing the fire again.
 */
export class EventBridgeRunEvents implements RunEventPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
    private readonly metrics: Metrics,
  ) {}

  async publish(event: RunEvent): Promise<void> {
    try {
      const result = await this.client.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: this.busName,
              Source: RUN_EVENT_SOURCE,
              DetailType: event.status === 'SUCCEEDED' ? 'Job Run Succeeded' : 'Job Run Failed',
              Resources: [],
              Detail: JSON.stringify(event),
            },
          ],
        }),
      );
      if ((result.FailedEntryCount ?? 0) > 0)
        throw new Error(result.Entries?.[0]?.ErrorMessage ?? 'entry rejected');
    } catch (error) {
      logger.error('run event not published', {
        jobId: event.jobId,
        runId: event.runId,
        detail: (error as Error).message,
      });
      this.metrics.add(MetricName.RunEventsNotPublished, 1, 'Count');
    }
  }
}
