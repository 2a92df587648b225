import { type CronSpec, parseCron } from './cron.js';
import { ValidationError } from './errors.js';
import type { ScheduleSpec } from './job.js';
import { canonicalTimeZone, timeZoneProblem } from './time-zone-names.js';
import { isValidTimeZone, wallClockAsUtcMs, wallClockToInstantMs } from './zoned-time.js';

/** A fixed-interval schedule, anchored at `startAt` or at the moment its EventBridge schedule was made. */
export interface RateSchedule {
  readonly kind: 'rate';
  readonly intervalSeconds: number;
  readonly startMs?: number;
  readonly endMs?: number;
}

/** A one-time schedule at an instant. */
export interface AtSchedule {
  readonly kind: 'at';
  readonly atMs: number;
}

/** A cron schedule evaluated in an IANA time zone. */
export interface CronSchedule {
  readonly kind: 'cron';
  readonly cron: CronSpec;
  readonly timezone: string;
  readonly startMs?: number;
  readonly endMs?: number;
}

export type ParsedSchedule = RateSchedule | AtSchedule | CronSchedule;

const RATE = /^rate\((\d{1,6}) (minute|minutes|hour|hours|day|days)\)$/;
const AT = /^at\((.+)\)$/;
const UNIT_SECONDS = { minute: 60, hour: 3600, day: 86_400 } as const;
/** EventBridge Scheduler's own upper bound for one rate value is far larger; a year keeps arithmetic sane. */
const MAX_RATE_SECONDS = 366 * 86_400;

const problem = (message: string, path = 'schedule.expression') =>
  new ValidationError('The schedule is not valid.', [{ path, message }]);

/** Parses and validates a schedule; throws ValidationError with a field path on anything AWS would refuse. */
export function parseSchedule(
  input: Pick<ScheduleSpec, 'expression' | 'timezone' | 'startAt' | 'endAt'>,
): ParsedSchedule {
  if (!isValidTimeZone(input.timezone)) {
    throw problem(
      timeZoneProblem(input.timezone) ?? `'${input.timezone}' is not an IANA time zone name.`,
      'schedule.timezone',
    );
  }
  const window = {
    ...(input.startAt ? { startMs: Date.parse(input.startAt) } : {}),
    ...(input.endAt ? { endMs: Date.parse(input.endAt) } : {}),
  };
  const expression = input.expression.trim();
  const rate = RATE.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    const unit = (rate[2] ?? '').replace(/s$/, '') as keyof typeof UNIT_SECONDS;
    const intervalSeconds = value * UNIT_SECONDS[unit];
    if (value < 1 || intervalSeconds > MAX_RATE_SECONDS) {
      throw problem('A rate must be at least 1 minute and at most 366 days.');
    }
    return { kind: 'rate', intervalSeconds, ...window };
  }
  const at = AT.exec(expression);
  if (at) {
    const wallMs = wallClockAsUtcMs(at[1] ?? '');
    if (wallMs === undefined) {
      throw problem('A one-time schedule is at(YYYY-MM-DDThh:mm:ss), a valid local date-time without zone.');
    }
    if (input.startAt || input.endAt) {
      throw problem(
        'startAt and endAt apply to recurring schedules only.',
        input.startAt ? 'schedule.startAt' : 'schedule.endAt',
      );
    }
    return { kind: 'at', atMs: wallClockToInstantMs(wallMs, input.timezone) };
  }
  if (expression.startsWith('cron(') || /^\S+(\s+\S+){4}$/.test(expression)) {
    return { kind: 'cron', cron: parseCron(expression), timezone: input.timezone, ...window };
  }
  throw problem(
    howToFix(expression) ??
      "Expected 'rate(<n> minute|minutes|hour|hours|day|days)', 'at(YYYY-MM-DDThh:mm:ss)', 'cron(<6 AWS fields>)' or a 5-field Unix cron line.",
  );
}

const SECONDS_RATE = /^rate\(\s*\d+\s*(second|seconds|sec|secs|s)\s*\)$/i;
const NO_SECONDS =
  'Seconds are not supported: schedules have minute precision, and the shortest interval is one minute.';

/** What to write instead of a common mistake the generic message would not explain, if it is one. */
function howToFix(expression: string): string | undefined {
  if (SECONDS_RATE.test(expression)) return `${NO_SECONDS} Use rate(1 minute) or longer.`;
  const fields = expression.split(/\s+/);
  // AWS's own six fields written without cron( ): a ? in a day field gives them away.
  if (fields.length === 6 && (fields[2] === '?' || fields[4] === '?')) {
    return `An AWS cron expression is written inside cron( ): cron(${expression}).`;
  }
  // Six fields (Spring, node-cron) or seven (Quartz): a seconds field first.
  if (fields.length === 6) {
    return `${NO_SECONDS} This looks like a cron line with a seconds field first; drop it: '${fields
      .slice(1)
      .map((field) => (field === '?' ? '*' : field))
      .join(' ')}'.`;
  }
  if (fields.length === 7) {
    return `${NO_SECONDS} This looks like a Quartz cron line (seconds first, year last); drop the seconds: 'cron(${fields.slice(1).join(' ')})'.`;
  }
  return undefined;
}

/**
 * A schedule as a new or edited job stores it: its time zone in canonical spelling, never an abbreviation or
 * a fixed offset (see canonicalTimeZone). Stored jobs are not re-checked, so a zone refused now keeps firing.
 */
export function scheduleInput<S extends { readonly timezone: string }>(schedule: S): S {
  return { ...schedule, timezone: canonicalTimeZone(schedule.timezone) };
}

/**
 * A valid rate expression as EventBridge documents it: `minute` for 1 and `minutes` otherwise (hours and days
 * alike), without leading zeros.
 */
export function canonicalRate(expression: string): string {
  const [, value = '', unit = ''] = RATE.exec(expression.trim()) ?? [];
  const n = Number(value);
  return `rate(${n} ${unit.replace(/s$/, '')}${n === 1 ? '' : 's'})`;
}

/**
 * The expression and zone to register with EventBridge Scheduler. A one-time schedule is registered in UTC:
 * the same instant on AWS, and it also fires at the right moment on emulators that evaluate every
 * schedule as UTC. A Unix cron line is registered in its AWS form, a rate in its canonical one.
 */
export function toSchedulerExpression(
  schedule: ParsedSchedule,
  input: Pick<ScheduleSpec, 'expression' | 'timezone'>,
): { expression: string; timezone: string } {
  switch (schedule.kind) {
    case 'at':
      return { expression: `at(${new Date(schedule.atMs).toISOString().slice(0, 19)})`, timezone: 'UTC' };
    case 'cron':
      return { expression: schedule.cron.awsExpression, timezone: input.timezone };
    case 'rate':
      // `rate(1 minutes)` and `rate(5 minute)` are accepted as written and registered in the form AWS documents.
      return { expression: canonicalRate(input.expression), timezone: input.timezone };
  }
}
