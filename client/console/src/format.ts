// Times, durations and schedules as people read them. Pure functions: unit-tested in Node.

/** The viewer's own time zone (the browser's). */
export const viewerZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** `2026-03-29 02:30` in `zone`, 24-hour, with the zone's abbreviation. */
export function timeIn(iso: string | undefined, zone: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')} ${part('timeZoneName')}`;
}

/** A duration in milliseconds, short: `850 ms`, `2.4 s`, `3 min 5 s`. */
export function duration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`;
  if (Math.abs(ms) < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Milliseconds from `from` to `to` (ISO times), or undefined when either is missing. */
export function between(from: string | undefined, to: string | undefined): number | undefined {
  if (!from || !to) return undefined;
  return Date.parse(to) - Date.parse(from);
}

const DAYS: Record<string, string> = {
  SUN: 'Sunday',
  MON: 'Monday',
  TUE: 'Tuesday',
  WED: 'Wednesday',
  THU: 'Thursday',
  FRI: 'Friday',
  SAT: 'Saturday',
};
const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);
// AWS's cron numbers days of the week 1 (Sunday) to 7; the Unix form 0 (Sunday) to 6, and 7 for Sunday too.
const AWS_DAY_NUMBERS = ['', 'SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const UNIX_DAY_NUMBERS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

const pad = (value: string) => value.padStart(2, '0');

function daysInWords(field: string, unix: boolean): string {
  const numbers = unix ? UNIX_DAY_NUMBERS : AWS_DAY_NUMBERS;
  const day = (value: string) => DAYS[value.toUpperCase()] ?? DAYS[numbers[Number(value)] ?? ''] ?? value;
  return field
    .split(',')
    .map((part) => {
      const [from, to] = part.split('-');
      return to ? `${day(from ?? '')} through ${day(to)}` : day(part);
    })
    .join(', ');
}

function timeOfDay(minute: string, hour: string): string | undefined {
  if (/^\d+$/.test(minute) && /^\d+(,\d+)*$/.test(hour))
    return hour
      .split(',')
      .map((h) => `${pad(h)}:${pad(minute)}`)
      .join(' and ');
  if (/^\d+$/.test(minute) && hour === '*') return `minute ${minute} of every hour`;
  if (minute === '*' && hour === '*') return 'every minute';
  const step = /^(?:\*|0)\/(\d+)$/.exec(minute);
  if (step && hour === '*') return `every ${step[1]} minutes`;
  return undefined;
}

/**
 * A schedule expression in words, for the common shapes (`rate(5 minutes)`, `at(…)`, a cron at fixed times on
 * some days); anything else reads as `cron …` with its fields, never a wrong sentence.
 */
export function scheduleInWords(expression: string, timezone: string): string {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (rate) {
    const [, count = '', unit = ''] = rate;
    return count === '1' ? `Every ${unit.replace(/s$/, '')}` : `Every ${count} ${unit}`;
  }
  const at = /^at\((.+)\)$/.exec(expression.trim());
  if (at) return `Once, at ${at[1]?.replace('T', ' ')} (${timezone})`;
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  const fields = (cron?.[1] ?? expression).trim().split(/\s+/);
  if (fields.length < 5) return expression;
  const [minute = '', hour = '', dayOfMonth = '', month = '', dayOfWeek = ''] = fields;
  const when = timeOfDay(minute, hour);
  if (!when) return `Cron ${fields.join(' ')} (${timezone})`;
  const sentence = [when.startsWith('every') ? `E${when.slice(1)}` : `At ${when}`];
  const anyDay = (value: string) => value === '*' || value === '?';
  if (!anyDay(dayOfWeek)) sentence.push(`on ${daysInWords(dayOfWeek, !cron && fields.length === 5)}`);
  if (!anyDay(dayOfMonth)) sentence.push(`on day ${dayOfMonth} of the month`);
  if (!anyDay(month))
    sentence.push(
      `in ${month
        .split(',')
        .map((m) => MONTHS[Number(m) - 1] ?? m)
        .join(', ')}`,
    );
  return `${sentence.join(', ')} (${timezone})`;
}

/** The message of a failure, as a person should read it. */
export function messageOf(error: unknown): string {
  if (error && typeof error === 'object' && 'detail' in error && typeof error.detail === 'string')
    return error.detail;
  return error instanceof Error ? error.message : String(error);
}
