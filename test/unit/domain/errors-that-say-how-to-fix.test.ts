import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../lambdas/domain/errors.js';
import { JobSpecSchema } from '../../../lambdas/domain/job.js';
import { parseSchedule, scheduleInput } from '../../../lambdas/domain/schedule.js';
import { canonicalTimeZone, timeZoneSuggestions } from '../../../lambdas/domain/time-zone-names.js';
import { parseWith } from '../../../lambdas/domain/validation.js';
import { createJob } from '../../../lambdas/use-cases/create-job.js';
import { previewSchedule } from '../../../lambdas/use-cases/preview-schedule.js';
import { inMemoryApiDeps, NOW, webhookJob } from '../../support/use-case-deps.js';

/** The field problems a call threw: the answer a user reads. */
function problemsOf(call: () => unknown): Array<{ path: string; message: string }> {
  try {
    call();
  } catch (error) {
    if (error instanceof ValidationError) return [...error.fields];
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('errors that say how to fix the mistake', () => {
  it.each([
    ['rate(30 seconds)', /Seconds are not supported.*one minute.*rate\(1 minute\)/],
    ['rate(1 second)', /Seconds are not supported/],
    ['0 0 9 * * *', /Seconds are not supported.*drop it: '0 9 \* \* \*'/],
    ['0 0 9 * * ?', /drop it: '0 9 \* \* \*'/],
    ['0 0 9 ? * MON-FRI *', /Quartz.*'cron\(0 9 \? \* MON-FRI \*\)'/],
    ['cron(0 0 9 ? * MON-FRI *)', /Seconds are not supported.*Quartz.*cron\(0 9 \? \* MON-FRI \*\)/],
    ['0 9 ? * MON-FRI *', /written inside cron\( \): cron\(0 9 \? \* MON-FRI \*\)/],
  ])('%s: the answer names the fix', (expression, fix) => {
    const [problem] = problemsOf(() => parseSchedule({ expression, timezone: 'UTC' }));
    expect(problem?.path).toBe('schedule.expression');
    expect(problem?.message).toMatch(fix);
  });

  it('every suggested replacement expression is itself accepted', () => {
    for (const expression of ['0 9 * * *', 'cron(0 9 ? * MON-FRI *)', 'rate(1 minute)']) {
      expect(() => parseSchedule({ expression, timezone: 'UTC' })).not.toThrow();
    }
  });

  it.each([
    ['Berlin', "'Europe/Berlin'"],
    ['new york', "'America/New_York'"],
    ['Buenos Aires', "Buenos_Aires'"],
    ['Europe/Berln', 'Area/City'],
  ])('time zone %s: the answer suggests %s', (timezone, suggestion) => {
    const [problem] = problemsOf(() => scheduleInput({ expression: 'rate(1 hour)', timezone }));
    expect(problem).toMatchObject({ path: 'schedule.timezone' });
    expect(problem?.message).toContain('not an IANA time zone name');
    expect(problem?.message).toContain(suggestion);
  });

  it.each([
    ['EST', 'America/New_York'],
    ['est', 'America/New_York'],
    ['MST', 'America/Phoenix'],
    ['HST', 'Pacific/Honolulu'],
    ['EST5EDT', 'America/New_York'],
    ['PST8PDT', 'America/Los_Angeles'],
    ['CET', 'Europe/Berlin'],
    ['PST', 'America/Los_Angeles'],
    ['Etc/GMT+5', 'UTC−5'],
  ])('the fixed offset or abbreviation %s is refused with the IANA name to use (%s)', (timezone, instead) => {
    const [problem] = problemsOf(() => scheduleInput({ expression: '0 9 * * *', timezone }));
    expect(problem?.path).toBe('schedule.timezone');
    expect(problem?.message).toContain(instead);
  });

  it.each([
    ['europe/berlin', 'Europe/Berlin'],
    ['AMERICA/NEW_YORK', 'America/New_York'],
    ['utc', 'UTC'],
    ['Etc/GMT', 'Etc/GMT'],
    ['Asia/Calcutta', 'Asia/Calcutta'],
  ])('the time zone %s is stored as %s', (timezone, canonical) => {
    expect(canonicalTimeZone(timezone)).toBe(canonical);
  });

  it('a created job stores its zone in canonical spelling, and the schedule is registered so', async () => {
    const env = inMemoryApiDeps();
    const { job } = await createJob(
      env.deps,
      't',
      webhookJob({ schedule: { expression: '0 9 * * *', timezone: 'europe/berlin' } }),
    );
    expect(job.schedule.timezone).toBe('Europe/Berlin');
    expect(env.schedules.schedules.get(job.jobId)?.timezone).toBe('Europe/Berlin');
  });

  it('the preview refuses EST too, naming the zone to use', () => {
    const [problem] = problemsOf(() =>
      previewSchedule({ schedule: { expression: '0 9 * * *', timezone: 'EST' } }, NOW),
    );
    expect(problem?.message).toContain('America/New_York');
  });

  it('a schedule sent as a string is answered with the object to send', () => {
    const problems = problemsOf(() => parseWith(JobSpecSchema, webhookJob({ schedule: '0 9 * * *' }), 'job'));
    expect(problems).toEqual([
      {
        path: 'schedule',
        message: expect.stringContaining('{"expression": "0 9 * * *", "timezone": "UTC"}'),
      },
    ]);
  });

  it('other schedule mistakes keep their own precise messages', () => {
    const problems = problemsOf(() =>
      parseWith(JobSpecSchema, webhookJob({ schedule: { expression: 7 } }), 'job'),
    );
    expect(problems).toEqual([
      { path: 'schedule.expression', message: expect.stringMatching(/expected string/) },
    ]);
  });

  it('suggests nothing for what looks like no place', () => {
    expect(timeZoneSuggestions('xy')).toEqual([]);
  });
});
