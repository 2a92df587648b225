import { ValidationError } from './errors.js';

/** One field of a cron expression: its bounds, its names, and the syntax to quote when it is wrong. */
export interface CronField {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly syntax: string;
  /** Three-letter names, the first one standing for `firstNameValue`. */
  readonly names?: readonly string[];
  readonly firstNameValue?: number;
  readonly allowsStep: boolean;
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export const MINUTES: CronField = {
  label: 'Minutes',
  min: 0,
  max: 59,
  syntax: '0-59 with , - * /',
  allowsStep: true,
};
export const HOURS: CronField = {
  label: 'Hours',
  min: 0,
  max: 23,
  syntax: '0-23 with , - * /',
  allowsStep: true,
};
export const MONTH: CronField = {
  label: 'Month',
  min: 1,
  max: 12,
  syntax: '1-12 or JAN-DEC with , - * /',
  names: MONTH_NAMES,
  firstNameValue: 1,
  allowsStep: true,
};
export const AWS_DAY_OF_MONTH: CronField = {
  label: 'Day-of-month',
  min: 1,
  max: 31,
  syntax: '1-31 with , - * ? / L W',
  allowsStep: true,
};
/** AWS lists `, - * ? L #` for day-of-week: no `/`. */
export const AWS_DAY_OF_WEEK: CronField = {
  label: 'Day-of-week',
  min: 1,
  max: 7,
  syntax: '1-7 or SUN-SAT with , - * ? L #',
  names: DAY_NAMES,
  firstNameValue: 1,
  allowsStep: false,
};
export const AWS_YEAR: CronField = {
  label: 'Year',
  min: 1970,
  max: 2199,
  syntax: '1970-2199 with , - * /',
  allowsStep: true,
};
export const UNIX_DAY_OF_MONTH: CronField = {
  label: 'Day-of-month',
  min: 1,
  max: 31,
  syntax: '1-31 with , - * / (Unix cron)',
  allowsStep: true,
};
/** Unix counts Sunday as 0 and again as 7. */
export const UNIX_DAY_OF_WEEK: CronField = {
  label: 'Day-of-week',
  min: 0,
  max: 7,
  syntax: '0-7 or SUN-SAT with , - * / (Unix cron)',
  names: DAY_NAMES,
  firstNameValue: 0,
  allowsStep: true,
};

/** The ValidationError for a cron expression, with `message` saying what is wrong. */
export function invalidCron(message: string): ValidationError {
  return new ValidationError('Invalid cron expression.', [{ path: 'schedule.expression', message }]);
}

const ITEM = /^(\*|[0-9A-Z]+)(?:-([0-9A-Z]+))?(?:\/(\d+))?$/;

/**
 * The values a field's list selects (`*`, `5`, `MON`, `1-5`, `0/15`, `5-40/5`, and `*` with a step, joined by
 * commas), ascending and without repeats. Throws a ValidationError naming the field and the faulty item.
 */
export function parseFieldValues(text: string, field: CronField): number[] {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    for (const value of itemValues(item, field)) values.add(value);
  }
  return [...values].sort((a, b) => a - b);
}

function itemValues(item: string, field: CronField): number[] {
  const match = ITEM.exec(item);
  if (
    !match ||
    (match[1] === '*' && match[2] !== undefined) ||
    (match[3] !== undefined && !field.allowsStep)
  ) {
    throw invalidCron(`${field.label}: '${item}' is not valid; expected ${field.syntax}.`);
  }
  const [, startText = '', endText, stepText] = match;
  const start = startText === '*' ? field.min : fieldValue(startText, field);
  // `0/15` runs to the end of the field, like `*/15`.
  const openEnded = startText === '*' || (endText === undefined && stepText !== undefined);
  const end = openEnded ? field.max : endText === undefined ? start : fieldValue(endText, field);
  if (start > end) {
    throw invalidCron(`${field.label}: the range '${item}' runs backwards; write the smaller value first.`);
  }
  // EventBridge's (Quartz's) limit: a step up to the field's largest value (59 for minutes, 23 for hours, 31
  // for days, 12 for months); `*/60` would be refused by Scheduler at registration.
  const maxStep = field.min <= 1 ? field.max : field.max - field.min + 1;
  const step = stepText === undefined ? 1 : Number(stepText);
  if (step < 1 || step > maxStep) {
    throw invalidCron(`${field.label}: the step in '${item}' must be 1-${maxStep}.`);
  }
  const values: number[] = [];
  for (let value = start; value <= end; value += step) values.push(value);
  return values;
}

/** One number or name of a field, checked against the field's bounds. */
export function fieldValue(token: string, field: CronField): number {
  const nameIndex = field.names?.indexOf(token) ?? -1;
  if (nameIndex >= 0) return (field.firstNameValue ?? field.min) + nameIndex;
  const value = /^\d+$/.test(token) ? Number(token) : Number.NaN;
  if (Number.isNaN(value)) {
    throw invalidCron(`${field.label}: '${token}' is not valid; expected ${field.syntax}.`);
  }
  if (value < field.min || value > field.max) {
    throw invalidCron(`${field.label}: ${token} is out of range; expected ${field.syntax}.`);
  }
  return value;
}
