import type { DeadLetter, RedriveRequest, Run, SchedulePreviewRequest } from '../../types.js';
import { type Command, stringOption } from '../command.js';
import { document, table } from '../format.js';
import { UsageError } from '../usage-error.js';

const positiveInteger = (value: string | undefined, flag: string): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${flag} expects a positive integer.`);
  return Number(value);
};

const limitOption = {
  type: 'string',
  value: '<n>',
  description: 'At most this many (default: all)',
} as const;

async function firstOf<T>(items: AsyncIterable<T>, limit: number | undefined): Promise<T[]> {
  const collected: T[] = [];
  if (limit === 0) return collected;
  for await (const item of items) {
    collected.push(item);
    if (limit !== undefined && collected.length >= limit) break;
  }
  return collected;
}

const DST_NOTE = {
  gap: 'DST gap: local time skipped, fires at the next valid time',
  overlap: 'DST overlap: local time occurs twice',
};

export const operationCommands: Command[] = [
  {
    path: ['runs', 'list'],
    summary: "List a job's runs, newest first",
    args: ['<job-id>'],
    options: { limit: limitOption },
    async run(context) {
      const [jobId, ...rest] = context.args;
      if (!jobId || rest.length) throw new UsageError('Usage: scheduler runs list <job-id>');
      const limit = positiveInteger(stringOption(context.options, 'limit'), '--limit');
      const runs: Run[] = await firstOf(context.client().listRuns(jobId), limit);
      context.print(runs, () =>
        table(
          ['RUN ID', 'TRIGGER', 'STATUS', 'ATTEMPT', 'STARTED', 'FINISHED', 'OUTCOME'],
          runs.map((run) => [
            run.runId,
            run.trigger,
            run.status,
            run.attempt,
            run.startedAt,
            run.finishedAt,
            run.outcome
              ? `${run.outcome.statusCode ?? ''} ${run.outcome.durationMs}ms ${run.outcome.error ?? ''}`.trim()
              : run.skipReason,
          ]),
        ),
      );
    },
  },
  {
    path: ['runs', 'get'],
    summary: 'Show one run of a job',
    args: ['<job-id>', '<run-id>'],
    async run(context) {
      const [jobId, runId, ...rest] = context.args;
      if (!jobId || !runId || rest.length)
        throw new UsageError('Usage: scheduler runs get <job-id> <run-id>');
      const run = await context.client().getRun(jobId, runId);
      context.print(run, () => document(run));
    },
  },
  {
    path: ['preview'],
    summary: 'The next fires of a schedule, in UTC and local time, DST gaps and overlaps marked',
    args: ['<expression>'],
    options: {
      timezone: { type: 'string', value: '<iana>', description: 'IANA time zone (default UTC)' },
      count: { type: 'string', value: '<n>', description: 'How many fires (default 10, at most 50)' },
      after: { type: 'string', value: '<date-time>', description: 'Fires after this instant (default now)' },
    },
    details:
      'Example: scheduler preview "cron(30 2 * * ? *)" --timezone Europe/Berlin --after 2027-03-25T00:00:00Z',
    async run(context) {
      const [expression, ...rest] = context.args;
      if (!expression || rest.length)
        throw new UsageError('Usage: scheduler preview <expression> [--timezone tz]');
      const timezone = stringOption(context.options, 'timezone');
      const count = positiveInteger(stringOption(context.options, 'count'), '--count');
      const after = stringOption(context.options, 'after');
      const request = {
        schedule: { expression, ...(timezone ? { timezone } : {}) },
        ...(count ? { count } : {}),
        ...(after ? { after } : {}),
      } as SchedulePreviewRequest;
      const preview = await context.client().previewSchedule(request);
      context.print(preview, () =>
        table(
          ['UTC', `LOCAL (${preview.timezone})`, 'DST'],
          preview.fires.map((fire) => [fire.utc, fire.local, fire.dst ? `⚠ ${DST_NOTE[fire.dst]}` : '']),
        ),
      );
    },
  },
  {
    path: ['dlq', 'list'],
    summary: "List the tenant's dead fires (fires that could not be delivered), newest first",
    options: { limit: limitOption },
    async run(context) {
      const limit = positiveInteger(stringOption(context.options, 'limit'), '--limit');
      const dead: DeadLetter[] = await firstOf(context.client().listDeadLetters(), limit);
      context.print(dead, () =>
        table(
          ['ID', 'JOB', 'SCHEDULED', 'REASON', 'RECEIVES'],
          dead.map((letter) => [
            letter.id,
            letter.fire.jobId,
            letter.fire.scheduledTime,
            letter.reason,
            letter.receiveCount,
          ]),
        ),
      );
    },
  },
  {
    path: ['dlq', 'redrive'],
    summary: 'Send dead fires back to the dispatch queue: the oldest (default 100), or those named',
    options: {
      id: {
        type: 'string',
        multiple: true,
        value: '<id>',
        description: 'A dead fire id from dlq list (repeatable)',
      },
      limit: { type: 'string', value: '<n>', description: 'How many of the oldest (1-100)' },
    },
    async run(context) {
      const ids = context.options.id as string[] | undefined;
      const limit = positiveInteger(stringOption(context.options, 'limit'), '--limit');
      const request = { ...(ids?.length ? { ids } : {}), ...(limit ? { limit } : {}) } as RedriveRequest;
      const result = await context.client().redriveDeadLetters(request);
      context.print(result, () => `Redrove ${result.redriven} dead fire(s).`);
    },
  },
  {
    path: ['signing-secret', 'get'],
    summary: "The tenant's webhook signing secrets (current, and next while rotating)",
    async run(context) {
      const secrets = await context.client().getSigningSecret();
      context.print(secrets, () => document(secrets));
    },
  },
  {
    path: ['signing-secret', 'rotate'],
    summary: 'A rotation step: begin (issue next, sign with both), complete, or cancel',
    options: {
      phase: { type: 'string', value: '<phase>', description: 'begin | complete | cancel' },
      generation: {
        type: 'string',
        value: '<n>',
        description: 'For complete: the generation to make current',
      },
    },
    async run(context) {
      const phase = stringOption(context.options, 'phase');
      if (!phase)
        throw new UsageError('Usage: scheduler signing-secret rotate --phase begin|complete|cancel');
      const generation = positiveInteger(stringOption(context.options, 'generation'), '--generation');
      const secrets = await context.client().rotateSigningSecret({
        phase: phase as 'begin',
        ...(generation ? { generation } : {}),
      });
      context.print(secrets, () => document(secrets));
    },
  },
];
