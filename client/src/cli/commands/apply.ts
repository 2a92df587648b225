import { collect } from '../../pagination.js';
import { parseManifest } from '../apply/manifest.js';
import { type Plan, planApply } from '../apply/plan.js';
import { type Command, stringOption } from '../command.js';
import { UsageError } from '../usage-error.js';

const shown = (value: unknown) => (value === undefined ? '(none)' : JSON.stringify(value));

/** The plan for people: one line per job, the changed fields under each update. */
export function planText(plan: Plan): string {
  const lines: string[] = [];
  for (const change of plan.changes) {
    if (change.kind === 'create') lines.push(`+ create ${change.name}`);
    if (change.kind === 'delete') lines.push(`- delete ${change.name} (${change.job.id})`);
    if (change.kind === 'update') {
      lines.push(`~ update ${change.name} (${change.job.id})`);
      for (const field of change.fields)
        lines.push(`    ${field.path}: ${shown(field.from)} → ${shown(field.to)}`);
    }
  }
  if (plan.unchanged.length) lines.push(`  ${plan.unchanged.length} unchanged`);
  if (plan.unmanaged.length)
    lines.push(
      `  ${plan.unmanaged.length} not in the file, kept (--prune deletes them): ${plan.unmanaged.join(', ')}`,
    );
  if (!plan.changes.length) lines.push('No changes.');
  return lines.join('\n');
}

const planJson = (plan: Plan, applied: boolean) => ({
  applied,
  create: plan.changes.filter((change) => change.kind === 'create').map((change) => change.name),
  update: plan.changes.flatMap((change) =>
    change.kind === 'update' ? [{ name: change.name, id: change.job.id, fields: change.fields }] : [],
  ),
  delete: plan.changes.flatMap((change) =>
    change.kind === 'delete' ? [{ name: change.name, id: change.job.id }] : [],
  ),
  unchanged: plan.unchanged,
  unmanaged: plan.unmanaged,
});

export const applyCommand: Command = {
  path: ['apply'],
  summary: "Make the tenant's jobs match a file, by name (jobs as code)",
  options: {
    file: {
      type: 'string',
      short: 'f',
      value: '<file>',
      description: 'jobs.yaml: a top-level `jobs:` list of job specs',
    },
    'dry-run': { type: 'boolean', description: 'Print the changes and make none' },
    prune: { type: 'boolean', description: 'Delete the jobs the file does not name' },
    prefix: {
      type: 'string',
      value: '<prefix>',
      description: 'Manage only the jobs named with this prefix (the file’s names must all have it)',
    },
  },
  details: [
    'Creates the jobs the file names that the tenant lacks, updates those that differ (If-Match on the revision',
    'read), and with --prune deletes the others. Fields left out compare as the API’s defaults.',
    '',
    'jobs.yaml:',
    '  jobs:',
    '    - name: nightly-report',
    '      schedule: { expression: "cron(0 2 * * ? *)", timezone: Europe/Berlin }',
    '      target: { type: http, url: "https://reports.example.com/run" }',
  ].join('\n'),
  async run(context) {
    const file = stringOption(context.options, 'file');
    if (!file) throw new UsageError('Usage: scheduler apply -f jobs.yaml [--dry-run] [--prune]');
    let text: string;
    try {
      text = await context.io.readFile(file);
    } catch (error) {
      throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
    }
    const manifest = parseManifest(text, file);
    const prefix = stringOption(context.options, 'prefix');
    const outside = manifest.jobs.find((job) => prefix && !job.name.startsWith(prefix));
    if (outside) throw new UsageError(`${file}: '${outside.name}' does not start with --prefix '${prefix}'.`);
    const client = context.client();
    const current = await collect(client.listJobs(prefix ? { namePrefix: prefix } : {}));
    const plan = planApply(manifest.jobs, current, {
      prune: context.options.prune === true,
    });
    const dryRun = context.options['dry-run'] === true;
    if (!dryRun) {
      for (const change of plan.changes) {
        if (change.kind === 'create') await client.createJob(change.spec);
        if (change.kind === 'update') await client.updateJob(change.job.id, change.spec, change.job);
        if (change.kind === 'delete') await client.deleteJob(change.job.id, change.job);
      }
    }
    context.print(planJson(plan, !dryRun && plan.changes.length > 0), () =>
      dryRun && plan.changes.length ? `${planText(plan)}\n(dry run: nothing changed)` : planText(plan),
    );
  },
};
