import { ValidationError } from './errors.js';
import { isValidTimeZone, wallClockAsUtcMs, wallClockToInstantMs } from './zoned-time.js';

/** A job's schedule as the client gives it: an EventBridge Scheduler style expression and a time zone. */
export interface ScheduleInput {
  readonly expression: string;
  readonly timezone: string;
}

/** A fixed-interval schedule, anchored at the moment its EventBridge schedule was created. */
export interface RateSchedule {
  readonly kind: 'rate';
  readonly intervalSeconds: number;
}

/** A one-time schedule at an instant. */
export interface AtSchedule {
  readonly kind: 'at';
  readonly atMs: number;
}

export type ParsedSchedule = RateSchedule | AtSchedule;

const RATE = /^rate\((\d{1,6}) (minute|minutes|hour|hours|day|days)\)$/;
const AT = /^at\((.+)\)$/;
const UNIT_SECONDS = { minute: 60, hour: 3600, day: 86_400 } as const;
/** EventBridge Scheduler's own upper bound for one rate value is far larger; a year keeps arithmetic sane. */
const MAX_RATE_SECONDS = 366 * 86_400;

/** Parses and validates a schedule; throws ValidationError with a field path on anything AWS would refuse. */
export function parseSchedule(input: ScheduleInput): ParsedSchedule {
  if (!isValidTimeZone(input.timezone)) {
    throw new ValidationError('Unknown time zone.', [
      { path: 'schedule.timezone', message: `'${input.timezone}' is not an IANA time zone name.` },
    ]);
  }
  const expression = input.expression.trim();
  const rate = RATE.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    const unit = (rate[2] ?? '').replace(/s$/, '') as keyof typeof UNIT_SECONDS;
    const intervalSeconds = value * UNIT_SECONDS[unit];
    if (value < 1 || intervalSeconds > MAX_RATE_SECONDS) {
      throw new ValidationError('Rate out of range.', [
        { path: 'schedule.expression', message: 'A rate must be at least 1 minute and at most 366 days.' },
      ]);
    }
    return { kind: 'rate', intervalSeconds };
  }
  const at = AT.exec(expression);
  if (at) {
    const wallMs = wallClockAsUtcMs(at[1] ?? '');
    if (wallMs === undefined) {
      throw new ValidationError('Invalid one-time schedule.', [
        {
          path: 'schedule.expression',
          message: 'A one-time schedule is at(YYYY-MM-DDThh:mm:ss), a valid local date-time without zone.',
        },
      ]);
    }
    return { kind: 'at', atMs: wallClockToInstantMs(wallMs, input.timezone) };
  }
  throw new ValidationError('Unsupported schedule expression.', [
    {
      path: 'schedule.expression',
      message: "Expected 'rate(<n> minute|minutes|hour|hours|day|days)' or 'at(YYYY-MM-DDThh:mm:ss)'.",
    },
  ]);
}

/**
 * The expression and zone to register with EventBridge Scheduler. A one-time schedule is registered in UTC:
 * the same instant on AWS, and it also fires at the right moment on emulators that evaluate every
 * schedule as UTC.
 */
export function toSchedulerExpression(
  schedule: ParsedSchedule,
  input: ScheduleInput,
): { expression: string; timezone: string } {
  if (schedule.kind === 'at') {
    return { expression: `at(${new Date(schedule.atMs).toISOString().slice(0, 19)})`, timezone: 'UTC' };
  }
  return { expression: input.expression.trim(), timezone: input.timezone };
}
