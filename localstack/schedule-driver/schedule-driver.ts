import { randomUUID } from 'node:crypto';
import { substituteContextAttributes } from './context-attributes.js';
import { type DrivenSchedule, planFires } from './fire-plan.js';
import type { CursorStore, ScheduleCursor, ScheduleDetail, SchedulerApi, TargetDelivery } from './ports.js';
import { UnsupportedTargetError } from './sqs-target-delivery.js';

export interface DriverOptions {
  /** Fires due longer ago than this when the driver gets to them are passed over, not delivered. */
  readonly catchUpMs: number;
  /** The most fires delivered for one schedule in one pass. */
  readonly maxFiresPerPass: number;
  /** Only schedules in these groups (all when empty). */
  readonly groups: readonly string[];
}

/** What happened in one pass, for the log. */
export type DriverEvent =
  | {
      readonly kind: 'fired';
      readonly schedule: string;
      readonly scheduledMs: number;
      readonly lagMs: number;
    }
  | { readonly kind: 'missed'; readonly schedule: string; readonly count: number }
  | {
      readonly kind: 'failed';
      readonly schedule: string;
      readonly scheduledMs: number;
      readonly error: string;
    }
  | { readonly kind: 'unreadable'; readonly schedule: string; readonly error: string }
  | { readonly kind: 'completed'; readonly schedule: string };

interface Driven {
  readonly detail: ScheduleDetail;
  /** When the schedule needs looking at next (its next fire), or undefined for never. */
  nextMs: number | undefined;
}

/**
 * A rate counts from the whole second at or after the schedule was made: AWS's scheduled times have second
 * precision (its context-attribute example: `2022-03-22T18:59:43Z`), and a fire is never before its schedule.
 */
const rateOrigin = (ms: number) => Math.ceil(ms / 1000) * 1000;

/**
 * Fires after this are due for a schedule made (or changed) at `madeMs`. The project gives a rate the job's own
 * grid start as StartDate, taken a few milliseconds before the schedule is made: a StartDate up to a second
 * earlier still counts as "at once", as on AWS; fires before that are not the new schedule's.
 */
const dueAfter = (madeMs: number, startMs: number | undefined) =>
  Math.max(Math.min(madeMs, startMs ?? madeMs), madeMs - 1000) - 1;

const keyOf = (summary: { groupName: string; name: string }) => `${summary.groupName}/${summary.name}`;
const signatureOf = (d: ScheduleDetail) =>
  JSON.stringify([d.expression, d.timezone, d.startMs ?? null, d.endMs ?? null]);

/**
 * A local EventBridge Scheduler: it reads the emulator's schedules and delivers each fire to the schedule's
 * target with the context attributes substituted, as AWS does. `refresh()` picks up new, changed and deleted
 * schedules (GetSchedule only for those whose LastModificationDate moved); `fireDue()` delivers what is due.
 * Its cursors are saved after every delivery, so a restarted driver does not deliver a fire again (a crash
 * between delivery and save can repeat one fire, which the executor's run lock absorbs, like AWS's
 * at-least-once delivery).
 */
export class ScheduleDriver {
  private readonly driven = new Map<string, Driven>();
  private readonly cursors: Record<string, ScheduleCursor>;

  constructor(
    private readonly scheduler: SchedulerApi,
    private readonly targets: TargetDelivery,
    private readonly store: CursorStore,
    private readonly options: DriverOptions,
    private readonly report: (event: DriverEvent) => void = () => {},
  ) {
    this.cursors = store.load();
  }

  /** The earliest instant any driven schedule fires next, or undefined when none will. */
  nextDueMs(): number | undefined {
    let earliest: number | undefined;
    for (const { nextMs } of this.driven.values()) {
      if (nextMs !== undefined && (earliest === undefined || nextMs < earliest)) earliest = nextMs;
    }
    return earliest;
  }

  async refresh(): Promise<void> {
    const listed = (await this.scheduler.list()).filter(
      (s) => this.options.groups.length === 0 || this.options.groups.includes(s.groupName),
    );
    const seen = new Set<string>();
    for (const summary of listed) {
      const key = keyOf(summary);
      seen.add(key);
      const known = this.driven.get(key);
      if (known && known.detail.modifiedMs === summary.modifiedMs && known.detail.arn === summary.arn)
        continue;
      const detail = await this.scheduler.get(summary.groupName, summary.name);
      if (detail) this.driven.set(key, { detail, nextMs: Number.NEGATIVE_INFINITY });
    }
    for (const key of this.driven.keys()) if (!seen.has(key)) this.driven.delete(key);
    // Cursors of schedules that are gone are dropped, so the file stays as small as the schedule list.
    let dropped = false;
    for (const key of Object.keys(this.cursors)) {
      if (!seen.has(key)) {
        delete this.cursors[key];
        dropped = true;
      }
    }
    if (dropped) this.store.save(this.cursors);
  }

  /** Delivers every fire due by `nowMs()`; returns how many were delivered. */
  async fireDue(nowMs: () => number): Promise<number> {
    let delivered = 0;
    for (const [key, entry] of this.driven) {
      if (entry.nextMs === undefined || entry.nextMs > nowMs()) continue;
      delivered += await this.fireSchedule(key, entry, nowMs);
    }
    return delivered;
  }

  private cursorFor(key: string, detail: ScheduleDetail): ScheduleCursor | undefined {
    const cursor = this.cursors[key];
    if (!cursor || cursor.createdMs !== detail.createdMs) return undefined;
    const resumedMs = cursor.enabled === false && detail.enabled ? detail.modifiedMs : undefined;
    const doneUntilMs = Math.max(cursor.doneUntilMs, (resumedMs ?? 0) - 1);
    if (cursor.signature === signatureOf(detail)) return { ...cursor, doneUntilMs };
    // The expression (or zone, or window) changed: a rate counts from the change, fires before it are done.
    return {
      ...cursor,
      signature: signatureOf(detail),
      anchorMs: rateOrigin(detail.modifiedMs),
      doneUntilMs: Math.max(doneUntilMs, dueAfter(detail.modifiedMs, detail.startMs)),
    };
  }

  private async fireSchedule(key: string, entry: Driven, nowMs: () => number): Promise<number> {
    const { detail } = entry;
    const cursor = this.cursorFor(key, detail);
    const schedule: DrivenSchedule = {
      arn: detail.arn,
      expression: detail.expression,
      timezone: detail.timezone,
      enabled: detail.enabled,
      anchorMs: cursor?.anchorMs ?? rateOrigin(detail.createdMs),
      ...(detail.startMs === undefined ? {} : { startMs: detail.startMs }),
      ...(detail.endMs === undefined ? {} : { endMs: detail.endMs }),
    };
    let plan: ReturnType<typeof planFires>;
    try {
      plan = planFires(schedule, cursor?.doneUntilMs ?? dueAfter(detail.createdMs, detail.startMs), nowMs(), {
        catchUpMs: this.options.catchUpMs,
        maxFires: this.options.maxFiresPerPass,
      });
    } catch (error) {
      // An expression the project's parser refuses is never fired (and reported once, not every pass).
      entry.nextMs = undefined;
      this.report({ kind: 'unreadable', schedule: key, error: (error as Error).message });
      return 0;
    }
    if (plan.missed > 0) this.report({ kind: 'missed', schedule: key, count: plan.missed });
    let doneUntilMs = cursor?.doneUntilMs ?? plan.doneUntilMs;
    let delivered = 0;
    const save = (until: number) => {
      this.cursors[key] = {
        createdMs: detail.createdMs,
        signature: signatureOf(detail),
        anchorMs: schedule.anchorMs,
        enabled: detail.enabled,
        doneUntilMs: until,
      };
      this.store.save(this.cursors);
    };
    for (const scheduledMs of plan.due) {
      const body = substituteContextAttributes(detail.input ?? '{}', {
        scheduleArn: detail.arn,
        scheduledMs,
        executionId: randomUUID(),
        attemptNumber: 1,
      });
      try {
        await this.targets.deliver(detail.targetArn, body);
      } catch (error) {
        if (error instanceof UnsupportedTargetError) {
          // A target kind the driver cannot reach: said once, then left alone until the schedule changes.
          this.report({ kind: 'unreadable', schedule: key, error: error.message });
          entry.nextMs = undefined;
          return delivered;
        }
        // Not marked done: the next pass tries again (AWS retries delivery under the schedule's retry policy).
        this.report({ kind: 'failed', schedule: key, scheduledMs, error: (error as Error).message });
        entry.nextMs = nowMs() + 1000;
        return delivered;
      }
      delivered++;
      doneUntilMs = scheduledMs;
      save(doneUntilMs);
      this.report({ kind: 'fired', schedule: key, scheduledMs, lagMs: nowMs() - scheduledMs });
    }
    if (plan.doneUntilMs !== doneUntilMs || cursor?.enabled !== detail.enabled) save(plan.doneUntilMs);
    entry.nextMs = plan.nextMs;
    if (plan.nextMs === undefined && detail.enabled && detail.deleteAfterCompletion) {
      // ActionAfterCompletion DELETE: the schedule goes once it has nothing left to fire, as on AWS.
      await this.scheduler.delete(detail.groupName, detail.name);
      this.driven.delete(key);
      this.report({ kind: 'completed', schedule: key });
    }
    return delivered;
  }
}
