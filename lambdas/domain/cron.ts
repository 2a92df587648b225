import {
  AWS_DAY_OF_MONTH,
  AWS_DAY_OF_WEEK,
  AWS_YEAR,
  fieldValue,
  HOURS,
  invalidCron,
  MINUTES,
  MONTH,
  parseFieldValues,
} from './cron-fields.js';
import { unixCronToAws } from './unix-cron.js';

/** Which days of a month a cron selects: from day-of-month or from day-of-week, never both (AWS rule). */
export type CronDays =
  | { readonly kind: 'days-of-month'; readonly days: readonly number[] }
  /** `L` in day-of-month. */
  | { readonly kind: 'last-day-of-month' }
  /** `LW`: the last Monday-to-Friday of the month. */
  | { readonly kind: 'last-weekday-of-month' }
  /** `15W`: the Monday-to-Friday nearest the 15th, within the month. */
  | { readonly kind: 'nearest-weekday'; readonly day: number }
  /** Days of the week, 1 = SUN … 7 = SAT. */
  | { readonly kind: 'days-of-week'; readonly days: readonly number[] }
  /** `6L`: the last Friday of the month. */
  | { readonly kind: 'last-day-of-week'; readonly dayOfWeek: number }
  /** `3#2`: the second Tuesday of the month. */
  | { readonly kind: 'nth-day-of-week'; readonly dayOfWeek: number; readonly nth: number };

/** A parsed cron: the values each field allows (ascending), and the expression to register with AWS. */
export interface CronSpec {
  readonly awsExpression: string;
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly days: CronDays;
  readonly months: readonly number[];
  readonly years: readonly number[];
}

const AWS_CRON = /^cron\((.*)\)$/;
const SHAPE_HINT =
  "Expected 'cron(minutes hours day-of-month month day-of-week year)' or a 5-field Unix cron " +
  "'minute hour day-of-month month day-of-week'.";

/**
 * Parses an EventBridge Scheduler `cron(...)` expression, or a classic 5-field Unix cron converted to it.
 * Throws a ValidationError on `schedule.expression` saying which field is wrong and why.
 */
export function parseCron(expression: string): CronSpec {
  const trimmed = expression.trim();
  const aws = AWS_CRON.exec(trimmed);
  if (aws) return parseAwsFields(splitFields(aws[1] ?? ''));
  if (trimmed.startsWith('cron(')) throw invalidCron(`${SHAPE_HINT} The cron( is not closed by ).`);
  const unixFields = splitFields(trimmed);
  if (unixFields.length !== 5) throw invalidCron(SHAPE_HINT);
  const awsFields = unixCronToAws(unixFields);
  return parseAwsFields(awsFields);
}

function splitFields(text: string): string[] {
  const trimmed = text.trim().toUpperCase();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}

function parseAwsFields(fields: readonly string[]): CronSpec {
  if (fields.length === 7) {
    // Quartz's seven fields: seconds first, year last.
    throw invalidCron(
      `Seconds are not supported: schedules have minute precision, and the shortest interval is one minute. A cron(...) expression has 6 fields (minutes hours day-of-month month day-of-week year); this one has 7, as a Quartz line with seconds first. Drop the seconds: cron(${fields.slice(1).join(' ')}).`,
    );
  }
  if (fields.length !== 6) {
    throw invalidCron(
      `A cron(...) expression has 6 fields (minutes hours day-of-month month day-of-week year); found ${fields.length}.`,
    );
  }
  const [minutes = '', hours = '', dayOfMonth = '', month = '', dayOfWeek = '', year = ''] = fields;
  return {
    awsExpression: `cron(${fields.join(' ')})`,
    minutes: parseFieldValues(minutes, MINUTES),
    hours: parseFieldValues(hours, HOURS),
    days: parseDays(dayOfMonth, dayOfWeek),
    months: parseFieldValues(month, MONTH),
    years: parseFieldValues(year, AWS_YEAR),
  };
}

function parseDays(dayOfMonth: string, dayOfWeek: string): CronDays {
  for (const [label, text] of [
    ['Day-of-month', dayOfMonth],
    ['Day-of-week', dayOfWeek],
  ]) {
    if (text !== '?' && text?.includes('?')) {
      throw invalidCron(`${label}: ? stands for the whole field, so '${text}' is not valid.`);
    }
  }
  if (dayOfMonth === '?' && dayOfWeek === '?') {
    throw invalidCron('Day-of-month and day-of-week are both ?; set one of them and leave ? in the other.');
  }
  if (dayOfMonth !== '?' && dayOfWeek !== '?') {
    throw invalidCron(
      `Day-of-month '${dayOfMonth}' and day-of-week '${dayOfWeek}' are both set; ` +
        'AWS cron needs ? in exactly one of them.',
    );
  }
  return dayOfWeek === '?' ? parseDayOfMonth(dayOfMonth) : parseDayOfWeek(dayOfWeek);
}

const NEAREST_WEEKDAY = /^(\d+)W$/;

function parseDayOfMonth(text: string): CronDays {
  if (text === 'L') return { kind: 'last-day-of-month' };
  if (text === 'LW') return { kind: 'last-weekday-of-month' };
  const nearest = NEAREST_WEEKDAY.exec(text);
  if (nearest) return { kind: 'nearest-weekday', day: fieldValue(nearest[1] ?? '', AWS_DAY_OF_MONTH) };
  if (text.includes('W')) {
    throw invalidCron(`Day-of-month: W takes one day, as in 15W or LW, so '${text}' is not valid.`);
  }
  if (text.includes('L')) {
    throw invalidCron(`Day-of-month: L stands alone (L or LW), so '${text}' is not valid.`);
  }
  return { kind: 'days-of-month', days: parseFieldValues(text, AWS_DAY_OF_MONTH) };
}

const LAST_DAY_OF_WEEK = /^([0-9A-Z]+)L$/;
const NTH_DAY_OF_WEEK = /^([0-9A-Z]+)#(\d+)$/;

function parseDayOfWeek(text: string): CronDays {
  // AWS: "If you use the '#' character, you can define only one expression in the day-of-week field."
  if (text.includes('#') && text.includes(',')) {
    throw invalidCron(`Day-of-week: # allows only one expression in the field, so '${text}' is not valid.`);
  }
  // L alone is the last day of the week: Saturday.
  if (text === 'L') return { kind: 'days-of-week', days: [7] };
  const last = LAST_DAY_OF_WEEK.exec(text);
  if (last) return { kind: 'last-day-of-week', dayOfWeek: fieldValue(last[1] ?? '', AWS_DAY_OF_WEEK) };
  const nth = NTH_DAY_OF_WEEK.exec(text);
  if (nth) {
    const dayOfWeek = fieldValue(nth[1] ?? '', AWS_DAY_OF_WEEK);
    const occurrence = Number(nth[2]);
    if (occurrence < 1 || occurrence > 5) {
      throw invalidCron(`Day-of-week: the occurrence in '${text}' must be 1-5 (no month has a sixth).`);
    }
    return { kind: 'nth-day-of-week', dayOfWeek, nth: occurrence };
  }
  if (text.includes('L')) {
    throw invalidCron(
      `Day-of-week: L takes one day (L for Saturday, or e.g. 6L for the last Friday), so '${text}' is not valid.`,
    );
  }
  return { kind: 'days-of-week', days: parseFieldValues(text, AWS_DAY_OF_WEEK) };
}
