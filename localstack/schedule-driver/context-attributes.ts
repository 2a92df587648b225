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

/** The scheduled time as AWS writes it: `2026-12-01T18:05:00Z`. */
export function scheduledTimeText(scheduledMs: number): string {
  return `${new Date(scheduledMs).toISOString().slice(0, 19)}Z`;
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
