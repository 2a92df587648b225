import type { CronDays } from './cron.js';

/** Days of a (year, month) that `days` selects, ascending; month is 1-12. */
export function cronDaysInMonth(days: CronDays, year: number, month: number): number[] {
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  // AWS numbers the week 1 = SUN … 7 = SAT.
  const dayOfWeek = (day: number): number => new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
  switch (days.kind) {
    case 'days-of-month':
      return days.days.filter((day) => day <= lastDay);
    case 'last-day-of-month':
      return [lastDay];
    case 'last-weekday-of-month': {
      const weekday = dayOfWeek(lastDay);
      return [lastDay - (weekday === 1 ? 2 : weekday === 7 ? 1 : 0)];
    }
    case 'nearest-weekday':
      return days.day <= lastDay ? [nearestWeekday(days.day, dayOfWeek(days.day), lastDay)] : [];
    case 'days-of-week': {
      const selected: number[] = [];
      for (let day = 1; day <= lastDay; day += 1) if (days.days.includes(dayOfWeek(day))) selected.push(day);
      return selected;
    }
    case 'last-day-of-week':
      return [lastDay - ((dayOfWeek(lastDay) - days.dayOfWeek + 7) % 7)];
    case 'nth-day-of-week': {
      const day = 1 + ((days.dayOfWeek - dayOfWeek(1) + 7) % 7) + 7 * (days.nth - 1);
      return day <= lastDay ? [day] : [];
    }
  }
}

/**
 * The Monday-to-Friday nearest `day`, never leaving the month: a Saturday moves to Friday (or, on the 1st,
 * to Monday the 3rd), a Sunday to Monday (or, on the last day, to Friday).
 */
function nearestWeekday(day: number, dayOfWeek: number, lastDay: number): number {
  if (dayOfWeek === 7) return day === 1 ? 3 : day - 1;
  if (dayOfWeek === 1) return day === lastDay ? day - 2 : day + 1;
  return day;
}
