/** The placeholder EventBridge Scheduler replaces with the fire's scheduled time (ISO-8601 UTC). */
export const SCHEDULED_TIME_PLACEHOLDER = '<aws.scheduler.scheduled-time>';

/** What a schedule (or a manual execution) puts on the dispatch queue for one fire (schema: fire-message-schema.ts). */
export interface FireMessage {
  readonly jobId: string;
  readonly tenant: string;
  readonly revision: number;
  /**
   * ISO-8601 once substituted: by EventBridge Scheduler on AWS, and locally by the project's schedule driver
   * (localstack/schedule-driver/). The raw placeholder where an emulator's own Scheduler fires (ministack
   * without the driver): the executor then derives the time from the message's SentTimestamp.
   */
  readonly scheduledTime: string;
  /** Present on manual executions only: their own run id. */
  readonly manualRunId?: string;
  /** Set on the one catch-up fire the reconciler sends for a missed fire (its scheduledTime is substituted). */
  readonly catchUp?: true;
  /** How many times this fire was put back, unattempted, because its tenant had its limit of runs in progress. */
  readonly slotWaits?: number;
}

/** The schedule target's Input: a JSON fire message with the scheduled-time placeholder. */
export function fireMessageInput(spec: { jobId: string; tenant: string; revision: number }): string {
  return JSON.stringify({
    jobId: spec.jobId,
    tenant: spec.tenant,
    revision: spec.revision,
    scheduledTime: SCHEDULED_TIME_PLACEHOLDER,
  });
}

/**
 * The substituted scheduled time, as epoch ms — what the executor uses whenever it is there — or undefined when
 * the placeholder came through verbatim (then, and only then, execute-fire falls back to the SentTimestamp).
 */
export function substitutedScheduledTimeMs(message: FireMessage): number | undefined {
  if (message.scheduledTime === SCHEDULED_TIME_PLACEHOLDER) return undefined;
  const ms = Date.parse(message.scheduledTime);
  return Number.isNaN(ms) ? undefined : ms;
}
