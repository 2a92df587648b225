/**
 * The context attributes EventBridge Scheduler substitutes into a templated target's Input ("Adding context
 * attributes to your target": schedule-arn, scheduled-time, execution-id, attempt-number). The scheduled time
 * is ISO-8601 UTC to the second, as AWS writes it.
 */
export interface FireContext {
  readonly scheduleArn: string;
  readonly scheduledMs: number;
  readonly executionId: string;
  readonly attemptNumber: number;
}

/**
 * The scheduled time as AWS writes it, `2026-12-01T18:05:00Z`, when it is a whole second (every cron and at()
 * fire, and a rate without StartDate). A rate whose StartDate has milliseconds — the project registers its
 * job's grid so — keeps them (`2026-12-01T18:05:00.552Z`), so that the run's scheduled time is exactly the fire
 * the job's nextRunAt and the reconciler expect. (What AWS does with a StartDate's milliseconds is not verified
 * here.)
 */
export function scheduledTimeText(scheduledMs: number): string {
  const iso = new Date(scheduledMs).toISOString();
  return scheduledMs % 1000 === 0 ? `${iso.slice(0, 19)}Z` : iso;
}

/** The Input with every context attribute placeholder replaced; other text is left as written. */
export function substituteContextAttributes(input: string, context: FireContext): string {
  const values: Record<string, string> = {
    '<aws.scheduler.schedule-arn>': context.scheduleArn,
    '<aws.scheduler.scheduled-time>': scheduledTimeText(context.scheduledMs),
    '<aws.scheduler.execution-id>': context.executionId,
    '<aws.scheduler.attempt-number>': String(context.attemptNumber),
  };
  return input.replace(/<aws\.scheduler\.[a-z-]+>/g, (placeholder) => values[placeholder] ?? placeholder);
}
