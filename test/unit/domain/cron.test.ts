import { describe, expect, it } from 'vitest';
import { type CronDays, parseCron } from '../../../lambdas/domain/cron.js';
import { ValidationError } from '../../../lambdas/domain/errors.js';

const range = (from: number, to: number, step = 1): number[] => {
  const values: number[] = [];
  for (let value = from; value <= to; value += step) values.push(value);
  return values;
};
const everyDayOfMonth: CronDays = { kind: 'days-of-month', days: range(1, 31) };

/** The one field problem a refused expression carries. */
function problemOf(expression: string): { path: string; message: string } {
  try {
    parseCron(expression);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const validation = error as ValidationError;
    expect(validation.status).toBe(400);
    expect(validation.code).toBe('validation_failed');
    expect(validation.fields).toHaveLength(1);
    return validation.fields[0] ?? { path: '', message: '' };
  }
  throw new Error(`'${expression}' was accepted`);
}

describe('parseCron: the AWS cron(...) form', () => {
  it('reads a daily cron into one value per time field, every day, month and year', () => {
    expect(parseCron('cron(0 10 * * ? *)')).toEqual({
      awsExpression: 'cron(0 10 * * ? *)',
      minutes: [0],
      hours: [10],
      days: everyDayOfMonth,
      months: range(1, 12),
      years: range(1970, 2199),
    });
  });

  it.each([
    { field: '0/15', minutes: [0, 15, 30, 45] },
    { field: '1/10', minutes: [1, 11, 21, 31, 41, 51] },
    { field: '*/20', minutes: [0, 20, 40] },
    { field: '5-40/5', minutes: [5, 10, 15, 20, 25, 30, 35, 40] },
    { field: '5-8', minutes: [5, 6, 7, 8] },
    { field: '59,0,30', minutes: [0, 30, 59] },
    { field: '0-10/5,7,45/20', minutes: [0, 5, 7, 10, 45] },
    { field: '*', minutes: range(0, 59) },
  ])('expands minutes $field to $minutes (ranges, lists, steps)', ({ field, minutes }) => {
    expect(parseCron(`cron(${field} * * * ? *)`).minutes).toEqual(minutes);
  });

  it.each([
    { field: '8,12-14', hours: [8, 12, 13, 14] },
    { field: '0/6', hours: [0, 6, 12, 18] },
    { field: '23', hours: [23] },
  ])('expands hours $field to $hours', ({ field, hours }) => {
    expect(parseCron(`cron(0 ${field} * * ? *)`).hours).toEqual(hours);
  });

  it.each([
    { field: 'JAN,MAR-MAY', months: [1, 3, 4, 5] },
    { field: 'jan,jul', months: [1, 7] },
    { field: '1/3', months: [1, 4, 7, 10] },
    { field: 'NOV-DEC', months: [11, 12] },
  ])('reads month names and numbers: $field is $months', ({ field, months }) => {
    expect(parseCron(`cron(0 0 1 ${field} ? *)`).months).toEqual(months);
  });

  it.each([
    { field: '2026', years: [2026] },
    { field: '2026-2028', years: [2026, 2027, 2028] },
    { field: '2026/100', years: [2026, 2126] },
    { field: '1970', years: [1970] },
    { field: '2199', years: [2199] },
  ])('reads years $field within 1970-2199 as $years', ({ field, years }) => {
    expect(parseCron(`cron(0 0 1 1 ? ${field})`).years).toEqual(years);
  });

  it.each<{ dayOfMonth: string; days: CronDays }>([
    { dayOfMonth: '1,15', days: { kind: 'days-of-month', days: [1, 15] } },
    { dayOfMonth: '*/10', days: { kind: 'days-of-month', days: [1, 11, 21, 31] } },
    { dayOfMonth: '10-12', days: { kind: 'days-of-month', days: [10, 11, 12] } },
    { dayOfMonth: 'L', days: { kind: 'last-day-of-month' } },
    { dayOfMonth: 'LW', days: { kind: 'last-weekday-of-month' } },
    { dayOfMonth: '15W', days: { kind: 'nearest-weekday', day: 15 } },
    { dayOfMonth: '1W', days: { kind: 'nearest-weekday', day: 1 } },
  ])('reads day-of-month $dayOfMonth (with ? in day-of-week)', ({ dayOfMonth, days }) => {
    expect(parseCron(`cron(0 0 ${dayOfMonth} * ? *)`).days).toEqual(days);
  });

  it.each<{ dayOfWeek: string; days: CronDays }>([
    { dayOfWeek: 'MON-FRI', days: { kind: 'days-of-week', days: [2, 3, 4, 5, 6] } },
    { dayOfWeek: '2-6', days: { kind: 'days-of-week', days: [2, 3, 4, 5, 6] } },
    { dayOfWeek: 'SUN,7', days: { kind: 'days-of-week', days: [1, 7] } },
    { dayOfWeek: 'sat', days: { kind: 'days-of-week', days: [7] } },
    { dayOfWeek: '*', days: { kind: 'days-of-week', days: [1, 2, 3, 4, 5, 6, 7] } },
    // AWS: L is the last day of the week, and the week runs SUN (1) to SAT (7).
    { dayOfWeek: 'L', days: { kind: 'days-of-week', days: [7] } },
    { dayOfWeek: '6L', days: { kind: 'last-day-of-week', dayOfWeek: 6 } },
    { dayOfWeek: 'FRIL', days: { kind: 'last-day-of-week', dayOfWeek: 6 } },
    { dayOfWeek: '3#2', days: { kind: 'nth-day-of-week', dayOfWeek: 3, nth: 2 } },
    { dayOfWeek: 'MON#1', days: { kind: 'nth-day-of-week', dayOfWeek: 2, nth: 1 } },
    { dayOfWeek: '1#5', days: { kind: 'nth-day-of-week', dayOfWeek: 1, nth: 5 } },
  ])('reads day-of-week $dayOfWeek (with ? in day-of-month)', ({ dayOfWeek, days }) => {
    expect(parseCron(`cron(0 0 ? * ${dayOfWeek} *)`).days).toEqual(days);
  });

  it.each([
    { expression: 'cron(0 9 ? jan mon-fri *)', aws: 'cron(0 9 ? JAN MON-FRI *)' },
    { expression: '  cron( 0   9 * *  ? * )  ', aws: 'cron(0 9 * * ? *)' },
    { expression: 'cron(0/15 * L * ? 2026-2030)', aws: 'cron(0/15 * L * ? 2026-2030)' },
  ])(
    'gives $expression back for AWS as $aws (names upper-cased, spaces collapsed)',
    ({ expression, aws }) => {
      expect(parseCron(expression).awsExpression).toBe(aws);
    },
  );
});

describe('parseCron: the classic 5-field Unix form', () => {
  it.each([
    { unix: '0 9 * * 1-5', aws: 'cron(0 9 ? * 2-6 *)' },
    { unix: '0 9 * * MON-FRI', aws: 'cron(0 9 ? * 2-6 *)' },
    { unix: '0 0 * * 0', aws: 'cron(0 0 ? * 1 *)' },
    { unix: '0 0 * * 7', aws: 'cron(0 0 ? * 1 *)' },
    { unix: '0 0 * * 0,7', aws: 'cron(0 0 ? * 1 *)' },
    { unix: '0 0 * * SUN', aws: 'cron(0 0 ? * 1 *)' },
    { unix: '0 0 * * 6', aws: 'cron(0 0 ? * 7 *)' },
    { unix: '0 0 * * sat,sun', aws: 'cron(0 0 ? * 1,7 *)' },
    { unix: '0 0 * * 5-7', aws: 'cron(0 0 ? * 1,6-7 *)' },
    { unix: '0 0 * * */2', aws: 'cron(0 0 ? * 1,3,5,7 *)' },
    { unix: '0 0 * * 1,3,5', aws: 'cron(0 0 ? * 2,4,6 *)' },
  ])('renumbers day-of-week $unix → $aws (Unix 0 and 7 are Sunday, AWS 1 is)', ({ unix, aws }) => {
    expect(parseCron(unix).awsExpression).toBe(aws);
  });

  it.each([
    { unix: '*/15 * * * *', aws: 'cron(*/15 * * * ? *)' },
    { unix: '* * * * *', aws: 'cron(* * * * ? *)' },
    { unix: '30 2 1 * *', aws: 'cron(30 2 1 * ? *)' },
    { unix: '0 12 1,15 jan-mar *', aws: 'cron(0 12 1,15 JAN-MAR ? *)' },
    { unix: '0 0 */2 * *', aws: 'cron(0 0 */2 * ? *)' },
    { unix: '5-40/5 8-17 * * *', aws: 'cron(5-40/5 8-17 * * ? *)' },
    { unix: '  0  9   *  *  *  ', aws: 'cron(0 9 * * ? *)' },
  ])('puts ? in day-of-week when only day-of-month restricts: $unix → $aws', ({ unix, aws }) => {
    expect(parseCron(unix).awsExpression).toBe(aws);
  });

  it.each([
    // Unix ORs two restricted day fields; when one of them covers every day, so does the OR.
    { unix: '0 0 1-31 * 1', aws: 'cron(0 0 * * ? *)' },
    { unix: '0 0 1 * 0-6', aws: 'cron(0 0 * * ? *)' },
    { unix: '0 0 * * 0-7', aws: 'cron(0 0 * * ? *)' },
    { unix: '0 0 * * */1', aws: 'cron(0 0 * * ? *)' },
  ])('converts a day-of-week that covers every day to ?: $unix → $aws', ({ unix, aws }) => {
    expect(parseCron(unix).awsExpression).toBe(aws);
  });

  it('parses the converted expression into the same fields as its AWS form', () => {
    const unix = parseCron('0 9 * * 1-5');
    expect(unix).toEqual(parseCron('cron(0 9 ? * 2-6 *)'));
    expect(unix.days).toEqual({ kind: 'days-of-week', days: [2, 3, 4, 5, 6] });
    expect(unix.years).toEqual(range(1970, 2199));
  });
});

const SHAPE =
  "Expected 'cron(minutes hours day-of-month month day-of-week year)' or a 5-field Unix cron " +
  "'minute hour day-of-month month day-of-week'.";

describe('parseCron: refusals, each on schedule.expression with the reason', () => {
  it.each([
    { expression: '', message: SHAPE },
    { expression: 'every day at nine', message: SHAPE },
    { expression: '* * * *', message: SHAPE },
    { expression: '0 0 * * ? * 2026', message: SHAPE },
    { expression: 'cron(0 10 * * ? *', message: `${SHAPE} The cron( is not closed by ).` },
    {
      expression: 'cron(0 10 * * ?)',
      message:
        'A cron(...) expression has 6 fields (minutes hours day-of-month month day-of-week year); found 5.',
    },
    {
      expression: 'cron()',
      message:
        'A cron(...) expression has 6 fields (minutes hours day-of-month month day-of-week year); found 0.',
    },
  ])('refuses the shape of $expression', ({ expression, message }) => {
    expect(problemOf(expression)).toEqual({ path: 'schedule.expression', message });
  });

  it.each([
    {
      expression: 'cron(0 10 * * * *)',
      message: "Day-of-month '*' and day-of-week '*' are both set; AWS cron needs ? in exactly one of them.",
    },
    {
      expression: 'cron(0 10 1 * MON *)',
      message:
        "Day-of-month '1' and day-of-week 'MON' are both set; AWS cron needs ? in exactly one of them.",
    },
    {
      expression: 'cron(0 10 ? * ? *)',
      message: 'Day-of-month and day-of-week are both ?; set one of them and leave ? in the other.',
    },
    {
      expression: 'cron(0 10 ?,1 * ? *)',
      message: "Day-of-month: ? stands for the whole field, so '?,1' is not valid.",
    },
    {
      expression: 'cron(0 10 ? * ?,2 *)',
      message: "Day-of-week: ? stands for the whole field, so '?,2' is not valid.",
    },
  ])('refuses $expression: ? goes in exactly one of the day fields', ({ expression, message }) => {
    expect(problemOf(expression).message).toBe(message);
  });

  it.each([
    { expression: 'cron(60 * * * ? *)', message: 'Minutes: 60 is out of range; expected 0-59 with , - * /.' },
    { expression: 'cron(0 24 * * ? *)', message: 'Hours: 24 is out of range; expected 0-23 with , - * /.' },
    {
      expression: 'cron(0 0 0 * ? *)',
      message: 'Day-of-month: 0 is out of range; expected 1-31 with , - * ? / L W.',
    },
    {
      expression: 'cron(0 0 32 * ? *)',
      message: 'Day-of-month: 32 is out of range; expected 1-31 with , - * ? / L W.',
    },
    {
      expression: 'cron(0 0 1 13 ? *)',
      message: 'Month: 13 is out of range; expected 1-12 or JAN-DEC with , - * /.',
    },
    {
      expression: 'cron(0 0 1 0 ? *)',
      message: 'Month: 0 is out of range; expected 1-12 or JAN-DEC with , - * /.',
    },
    {
      expression: 'cron(0 0 1 JANUARY ? *)',
      message: "Month: 'JANUARY' is not valid; expected 1-12 or JAN-DEC with , - * /.",
    },
    {
      expression: 'cron(0 0 ? * 0 *)',
      message: 'Day-of-week: 0 is out of range; expected 1-7 or SUN-SAT with , - * ? L #.',
    },
    {
      expression: 'cron(0 0 ? * 8 *)',
      message: 'Day-of-week: 8 is out of range; expected 1-7 or SUN-SAT with , - * ? L #.',
    },
    {
      expression: 'cron(0 0 ? * MON-FRY *)',
      message: "Day-of-week: 'FRY' is not valid; expected 1-7 or SUN-SAT with , - * ? L #.",
    },
    {
      expression: 'cron(0 0 1 1 ? 1969)',
      message: 'Year: 1969 is out of range; expected 1970-2199 with , - * /.',
    },
    {
      expression: 'cron(0 0 1 1 ? 2200)',
      message: 'Year: 2200 is out of range; expected 1970-2199 with , - * /.',
    },
    {
      expression: 'cron(0 0 1 1 ? 2026-2200)',
      message: 'Year: 2200 is out of range; expected 1970-2199 with , - * /.',
    },
  ])('refuses $expression: a value outside its field', ({ expression, message }) => {
    expect(problemOf(expression).message).toBe(message);
  });

  it.each([
    { expression: 'cron(? * * * ? *)', message: "Minutes: '?' is not valid; expected 0-59 with , - * /." },
    { expression: 'cron(0 L * * ? *)', message: "Hours: 'L' is not valid; expected 0-23 with , - * /." },
    {
      expression: 'cron(0 0 1 L ? *)',
      message: "Month: 'L' is not valid; expected 1-12 or JAN-DEC with , - * /.",
    },
    { expression: 'cron(0 0 1 1 ? L)', message: "Year: 'L' is not valid; expected 1970-2199 with , - * /." },
    {
      expression: 'cron(0 0 3#2 * ? *)',
      message: "Day-of-month: '3#2' is not valid; expected 1-31 with , - * ? / L W.",
    },
    {
      expression: 'cron(0 0 ? * 1W *)',
      message: "Day-of-week: '1W' is not valid; expected 1-7 or SUN-SAT with , - * ? L #.",
    },
    {
      // AWS lists no / among day-of-week's wildcards.
      expression: 'cron(0 0 ? * */2 *)',
      message: "Day-of-week: '*/2' is not valid; expected 1-7 or SUN-SAT with , - * ? L #.",
    },
    {
      expression: 'cron(0 * * * ? 2026#1)',
      message: "Year: '2026#1' is not valid; expected 1970-2199 with , - * /.",
    },
  ])('refuses $expression: a wildcard its field does not take', ({ expression, message }) => {
    expect(problemOf(expression).message).toBe(message);
  });

  it.each([
    {
      expression: 'cron(30-10 * * * ? *)',
      message: "Minutes: the range '30-10' runs backwards; write the smaller value first.",
    },
    {
      expression: 'cron(0 0 ? * FRI-MON *)',
      message: "Day-of-week: the range 'FRI-MON' runs backwards; write the smaller value first.",
    },
    { expression: 'cron(0/0 * * * ? *)', message: "Minutes: the step in '0/0' must be 1-59." },
    { expression: 'cron(0/61 * * * ? *)', message: "Minutes: the step in '0/61' must be 1-59." },
    { expression: 'cron(0 */25 * * ? *)', message: "Hours: the step in '*/25' must be 1-23." },
    {
      expression: 'cron(*-5 * * * ? *)',
      message: "Minutes: '*-5' is not valid; expected 0-59 with , - * /.",
    },
    { expression: 'cron(1,,2 * * * ? *)', message: "Minutes: '' is not valid; expected 0-59 with , - * /." },
    { expression: 'cron(-1 * * * ? *)', message: "Minutes: '-1' is not valid; expected 0-59 with , - * /." },
  ])('refuses $expression: a malformed range, step or list', ({ expression, message }) => {
    expect(problemOf(expression).message).toBe(message);
  });

  it.each([
    {
      expression: 'cron(0 0 1-5W * ? *)',
      message: "Day-of-month: W takes one day, as in 15W or LW, so '1-5W' is not valid.",
    },
    {
      expression: 'cron(0 0 1,15W * ? *)',
      message: "Day-of-month: W takes one day, as in 15W or LW, so '1,15W' is not valid.",
    },
    {
      expression: 'cron(0 0 32W * ? *)',
      message: 'Day-of-month: 32 is out of range; expected 1-31 with , - * ? / L W.',
    },
    {
      expression: 'cron(0 0 1,L * ? *)',
      message: "Day-of-month: L stands alone (L or LW), so '1,L' is not valid.",
    },
    {
      expression: 'cron(0 0 L-3 * ? *)',
      message: "Day-of-month: L stands alone (L or LW), so 'L-3' is not valid.",
    },
    {
      expression: 'cron(0 0 ? * 3#1,6#3 *)',
      message: "Day-of-week: # allows only one expression in the field, so '3#1,6#3' is not valid.",
    },
    {
      expression: 'cron(0 0 ? * 3#6 *)',
      message: "Day-of-week: the occurrence in '3#6' must be 1-5 (no month has a sixth).",
    },
    {
      expression: 'cron(0 0 ? * 3#0 *)',
      message: "Day-of-week: the occurrence in '3#0' must be 1-5 (no month has a sixth).",
    },
    {
      expression: 'cron(0 0 ? * 8#1 *)',
      message: 'Day-of-week: 8 is out of range; expected 1-7 or SUN-SAT with , - * ? L #.',
    },
    {
      expression: 'cron(0 0 ? * 8L *)',
      message: 'Day-of-week: 8 is out of range; expected 1-7 or SUN-SAT with , - * ? L #.',
    },
    {
      expression: 'cron(0 0 ? * 1,6L *)',
      message:
        "Day-of-week: L takes one day (L for Saturday, or e.g. 6L for the last Friday), so '1,6L' is not valid.",
    },
  ])('refuses $expression: L, W and # take one day each', ({ expression, message }) => {
    expect(problemOf(expression).message).toBe(message);
  });

  it.each([
    {
      expression: '0 0 1 * 1',
      message:
        'Unix cron cannot be converted: both day-of-month and day-of-week are set, which Unix reads as OR; ' +
        'AWS cron supports only one of them.',
    },
    {
      expression: '0 9 1,15 * MON-FRI',
      message:
        'Unix cron cannot be converted: both day-of-month and day-of-week are set, which Unix reads as OR; ' +
        'AWS cron supports only one of them.',
    },
    {
      expression: '0 0 */2 * 1',
      message:
        "Unix cron cannot be converted: day-of-month '*/2' and day-of-week '1' both restrict the day, which " +
        'Unix reads as AND; AWS cron supports only one of them.',
    },
  ])('refuses Unix $expression: AWS cannot restrict both day fields', ({ expression, message }) => {
    expect(problemOf(expression)).toEqual({ path: 'schedule.expression', message });
  });

  it.each([
    {
      expression: '0 0 * * 8',
      message: 'Day-of-week: 8 is out of range; expected 0-7 or SUN-SAT with , - * / (Unix cron).',
    },
    {
      expression: '0 0 ? * 1',
      message: "Day-of-month: '?' is not valid; expected 1-31 with , - * / (Unix cron).",
    },
    {
      expression: '0 0 L * *',
      message: "Day-of-month: 'L' is not valid; expected 1-31 with , - * / (Unix cron).",
    },
    {
      expression: '0 0 * * 1#2',
      message: "Day-of-week: '1#2' is not valid; expected 0-7 or SUN-SAT with , - * / (Unix cron).",
    },
    { expression: '60 * * * *', message: 'Minutes: 60 is out of range; expected 0-59 with , - * /.' },
    {
      expression: '0 0 1 13 *',
      message: 'Month: 13 is out of range; expected 1-12 or JAN-DEC with , - * /.',
    },
  ])('refuses Unix $expression: only Unix syntax and ranges', ({ expression, message }) => {
    expect(problemOf(expression).message).toBe(message);
  });

  it('says the expression as a whole is invalid', () => {
    expect(() => parseCron('cron(0 10 * * * *)')).toThrow('Invalid cron expression.');
  });
});
