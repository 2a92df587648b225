import { jobSpecOf } from '../../client.js';
import type { Job, JobListQuery, JobSpec } from '../../types.js';
import { type Command, stringOption } from '../command.js';
import { document, table } from '../format.js';
import { UsageError } from '../usage-error.js';
import { jobSpecOptions, specFromFile, specWithFlags } from './job-input.js';

const scheduleText = (job: Job) =>
  `${job.schedule.expression}${job.schedule.timezone && job.schedule.timezone !== 'UTC' ? ` ${job.schedule.timezone}` : ''}`;

/** Jobs as a table for people. */
export const jobsTable = (jobs: readonly Job[]) =>
  table(
    ['ID', 'NAME', 'STATUS', 'SCHEDULE', 'NEXT RUN', 'LAST RUN'],
    jobs.map((job) => [
      job.id,
      job.name,
      job.status,
      scheduleText(job),
      job.nextRunAt,
      job.lastRunAt ? `${job.lastRunAt} ${job.lastRunStatus ?? ''}`.trim() : undefined,
    ]),
  );

const idOf = (args: string[], usage: string): string => {
  const [id, ...rest] = args;
  if (!id || rest.length) throw new UsageError(`Usage: ${usage}`);
  return id;
};

const revisionOf = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError('--if-revision expects a revision number.');
  return Number(value);
};

const ifRevision = {
  type: 'string',
  value: '<n>',
  description: 'Only if the job is still at this revision (If-Match); otherwise 412',
} as const;

export const jobCommands: Command[] = [
  {
    path: ['jobs', 'create'],
    summary: 'Create a job from a file or flags',
    options: {
      ...jobSpecOptions,
      'idempotency-key': {
        type: 'string',
        value: '<key>',
        description: 'Reuse a key to make retrying this command safe (default: a new one)',
      },
    },
    details:
      'Example: scheduler jobs create --name nightly --schedule "cron(0 2 * * ? *)" --url https://example.com/hook',
    async run(context) {
      const spec = specWithFlags((await specFromFile(context)) ?? {}, context.options) as JobSpec;
      if (!spec.name || !spec.schedule || !spec.target)
        throw new UsageError(
          'A job needs a name, a schedule and a target (-f <file>, or --name, --schedule, --url).',
        );
      const key = stringOption(context.options, 'idempotency-key');
      const job = await context.client().createJob(spec, key ? { idempotencyKey: key } : {});
      context.print(job, () => `Created job ${job.id} (${job.name}), revision ${job.revision}.`);
    },
  },
  {
    path: ['jobs', 'list'],
    summary: "List the tenant's jobs, newest first",
    options: {
      status: { type: 'string', value: '<status>', description: 'ACTIVE | PAUSED | COMPLETED' },
      'name-prefix': { type: 'string', value: '<prefix>', description: 'Only jobs whose name starts so' },
      limit: { type: 'string', value: '<n>', description: 'At most this many (default: all)' },
    },
    async run(context) {
      const status = stringOption(context.options, 'status');
      const prefix = stringOption(context.options, 'name-prefix');
      const limit = Number(stringOption(context.options, 'limit') ?? Number.POSITIVE_INFINITY);
      if (!(limit > 0)) throw new UsageError('--limit expects a positive number.');
      const query = {
        ...(status ? { status: status.toUpperCase() } : {}),
        ...(prefix ? { namePrefix: prefix } : {}),
      } as JobListQuery;
      const jobs: Job[] = [];
      for await (const job of context.client().listJobs(query)) {
        jobs.push(job);
        if (jobs.length >= limit) break;
      }
      context.print(jobs, () => jobsTable(jobs));
    },
  },
  {
    path: ['jobs', 'get'],
    summary: 'Show a job',
    args: ['<id>'],
    async run(context) {
      const job = await context.client().getJob(idOf(context.args, 'scheduler jobs get <id>'));
      context.print(job, () => document(job));
    },
  },
  {
    path: ['jobs', 'update'],
    summary: 'Change a job: replace its spec with -f, or change the fields given as flags',
    args: ['<id>'],
    options: { ...jobSpecOptions, 'if-revision': ifRevision },
    details:
      'Reads the job, applies the change and writes it back with If-Match (re-read and retried if another writer got in between, unless --if-revision pins the revision).',
    async run(context) {
      const id = idOf(context.args, 'scheduler jobs update <id> [-f file | flags]');
      const fromFile = await specFromFile(context);
      const change = (spec: JobSpec) => specWithFlags(fromFile ?? spec, context.options) as JobSpec;
      const pinned = revisionOf(stringOption(context.options, 'if-revision'));
      const client = context.client();
      const job =
        pinned === undefined
          ? await client.editJob(id, change)
          : await client.updateJob(id, change(jobSpecOf(await client.getJob(id))), pinned);
      context.print(job, () => `Updated job ${job.id} (${job.name}), now revision ${job.revision}.`);
    },
  },
  {
    path: ['jobs', 'pause'],
    summary: 'Pause a job (its schedule stops firing)',
    args: ['<id>'],
    options: {
      reason: { type: 'string', value: '<text>', description: 'Why, shown on the job' },
      'if-revision': ifRevision,
    },
    async run(context) {
      const id = idOf(context.args, 'scheduler jobs pause <id>');
      const reason = stringOption(context.options, 'reason');
      const expected = revisionOf(stringOption(context.options, 'if-revision'));
      const job = await context.client().pauseJob(id, {
        ...(reason ? { reason } : {}),
        ...(expected === undefined ? {} : { expected }),
      });
      context.print(job, () => `Paused job ${job.id} (${job.name}).`);
    },
  },
  {
    path: ['jobs', 'resume'],
    summary: 'Resume a paused job',
    args: ['<id>'],
    options: { 'if-revision': ifRevision },
    async run(context) {
      const id = idOf(context.args, 'scheduler jobs resume <id>');
      const expected = revisionOf(stringOption(context.options, 'if-revision'));
      const job = await context.client().resumeJob(id, expected === undefined ? {} : { expected });
      context.print(job, () => `Resumed job ${job.id} (${job.name}); next run ${job.nextRunAt ?? '-'}.`);
    },
  },
  {
    path: ['jobs', 'run'],
    summary: 'Fire a job now (a manual run of its own; not retried after a lost answer)',
    args: ['<id>'],
    async run(context) {
      const execution = await context.client().executeJob(idOf(context.args, 'scheduler jobs run <id>'));
      context.print(execution, () => `Queued run ${execution.runId} of job ${execution.jobId}.`);
    },
  },
  {
    path: ['jobs', 'delete'],
    summary: 'Delete a job and its schedule',
    args: ['<id>'],
    options: { 'if-revision': ifRevision },
    async run(context) {
      const id = idOf(context.args, 'scheduler jobs delete <id>');
      await context.client().deleteJob(id, revisionOf(stringOption(context.options, 'if-revision')));
      context.print({ deleted: id }, () => `Deleted job ${id}.`);
    },
  },
];
