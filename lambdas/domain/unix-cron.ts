import {
  HOURS,
  invalidCron,
  MINUTES,
  MONTH,
  parseFieldValues,
  UNIX_DAY_OF_MONTH,
  UNIX_DAY_OF_WEEK,
} from './cron-fields.js';

/**
 * The six AWS cron fields for a classic Unix `minute hour day-of-month month day-of-week`, or a
 * ValidationError when AWS cannot express it. Minutes, hours, month and day-of-month share their syntax
 * with AWS and are kept as written; day-of-week is renumbered (Unix 0-7, 0 and 7 Sunday; AWS 1-7 SUN-SAT).
 */
export function unixCronToAws(fields: readonly string[]): string[] {
  const [minutes = '', hours = '', dayOfMonth = '', month = '', dayOfWeek = ''] = fields;
  parseFieldValues(minutes, MINUTES);
  parseFieldValues(hours, HOURS);
  parseFieldValues(month, MONTH);
  const monthDays = parseFieldValues(dayOfMonth, UNIX_DAY_OF_MONTH);
  const weekDays = [...new Set(parseFieldValues(dayOfWeek, UNIX_DAY_OF_WEEK).map((day) => (day % 7) + 1))];
  const [awsDayOfMonth, awsDayOfWeek] = awsDayFields(
    dayOfMonth,
    dayOfWeek,
    monthDays.length === 31,
    weekDays,
  );
  return [minutes, hours, awsDayOfMonth, month, awsDayOfWeek, '*'];
}

/** AWS day-of-month and day-of-week for the Unix ones, with `?` in the one that does not restrict. */
function awsDayFields(
  dayOfMonth: string,
  dayOfWeek: string,
  everyMonthDay: boolean,
  weekDays: readonly number[],
): [string, string] {
  const everyWeekDay = weekDays.length === 7;
  // Unix (Vixie cron) ANDs the two day fields when either starts with '*', and ORs them otherwise.
  const and = dayOfMonth.startsWith('*') || dayOfWeek.startsWith('*');
  if (and ? everyMonthDay && everyWeekDay : everyMonthDay || everyWeekDay) return ['*', '?'];
  if (and && everyWeekDay) return [dayOfMonth, '?'];
  if (and && everyMonthDay) return ['?', awsDayList(weekDays)];
  throw invalidCron(
    and
      ? `Unix cron cannot be converted: day-of-month '${dayOfMonth}' and day-of-week '${dayOfWeek}' both ` +
          'restrict the day, which Unix reads as AND; AWS cron supports only one of them.'
      : 'Unix cron cannot be converted: both day-of-month and day-of-week are set, which Unix reads as OR; ' +
          'AWS cron supports only one of them.',
  );
}

/** Ascending days as an AWS list, runs written as ranges: [1, 2, 3, 7] → `1-3,7`. */
function awsDayList(days: readonly number[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  const parts: string[] = [];
  let runStart = sorted[0] ?? 0;
  sorted.forEach((day, index) => {
    const next = sorted[index + 1];
    if (next === day + 1) return;
    parts.push(runStart === day ? String(day) : `${runStart}-${day}`);
    runStart = next ?? 0;
  });
  return parts.join(',');
}
