/** One schedule in the emulator's Scheduler, as ListSchedules shows it. */
export interface ScheduleSummary {
  readonly arn: string;
  readonly groupName: string;
  readonly name: string;
  readonly modifiedMs: number;
}

/** One schedule in full, as GetSchedule shows it. */
export interface ScheduleDetail extends ScheduleSummary {
  readonly expression: string;
  readonly timezone: string;
  readonly enabled: boolean;
  readonly startMs?: number;
  readonly endMs?: number;
  readonly createdMs: number;
  readonly targetArn: string;
  readonly input?: string;
  readonly deleteAfterCompletion: boolean;
}

/** The emulator's EventBridge Scheduler API, as far as the driver reads and changes it. */
export interface SchedulerApi {
  list(): Promise<ScheduleSummary[]>;
  get(groupName: string, name: string): Promise<ScheduleDetail | undefined>;
  delete(groupName: string, name: string): Promise<void>;
}

/** Delivers a fire's (substituted) Input to the schedule's target. */
export interface TargetDelivery {
  deliver(targetArn: string, body: string): Promise<void>;
}

/** Where the driver stands with one schedule; persisted so that a restarted driver does not fire twice. */
export interface ScheduleCursor {
  /** The schedule's creation: a schedule deleted and made again under the same name starts afresh. */
  readonly createdMs: number;
  /** Expression, zone and window: when they change, a rate counts from the change. */
  readonly signature: string;
  readonly anchorMs: number;
  /** Whether it was enabled when last seen: fires that fell due while it was disabled are never delivered. */
  readonly enabled: boolean;
  /** Fires at or before this instant were delivered (or passed over). */
  readonly doneUntilMs: number;
}

export interface CursorStore {
  load(): Record<string, ScheduleCursor>;
  save(cursors: Record<string, ScheduleCursor>): void;
}
