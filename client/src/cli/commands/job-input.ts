import { parse } from 'yaml';
import type { JobSpec } from '../../types.js';
import type { CommandContext, OptionSpec, OptionValues } from '../command.js';
import { stringOption } from '../command.js';
import { UsageError } from '../usage-error.js';

/** The flags that describe a job, for create and update. */
export const jobSpecOptions: Record<string, OptionSpec> = {
  file: {
    type: 'string',
    short: 'f',
    value: '<file>',
    description: 'The job spec as YAML or JSON (- for stdin)',
  },
  name: { type: 'string', value: '<name>', description: 'Job name' },
  description: { type: 'string', value: '<text>', description: 'Description' },
  schedule: {
    type: 'string',
    value: '<expr>',
    description: 'cron(0 9 ? * MON-FRI *), 0 9 * * 1-5, rate(5 minutes) or at(2027-01-01T09:00:00)',
  },
  timezone: { type: 'string', value: '<iana>', description: 'IANA time zone of the schedule (default UTC)' },
  url: { type: 'string', value: '<url>', description: 'HTTPS target URL' },
  method: { type: 'string', value: '<method>', description: 'HTTP target method (default POST)' },
  header: {
    type: 'string',
    multiple: true,
    value: '<name:value>',
    description: 'HTTP target header (repeatable)',
  },
  payload: { type: 'string', value: '<json>', description: 'Payload sent to the target, as JSON' },
};

/** A spec read from -f, or undefined. */
export async function specFromFile(context: CommandContext): Promise<JobSpec | undefined> {
  const file = stringOption(context.options, 'file');
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = await context.io.readFile(file);
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return parse(text) as JobSpec;
  } catch (error) {
    throw new UsageError(`${file}: not valid YAML or JSON: ${(error as Error).message}`);
  }
}

function headersOf(values: string[]): Record<string, string> {
  return Object.fromEntries(
    values.map((header) => {
      const at = header.indexOf(':');
      if (at < 1) throw new UsageError(`--header expects name:value, got '${header}'.`);
      return [header.slice(0, at).trim(), header.slice(at + 1).trim()];
    }),
  );
}

/** The spec with the job flags given applied over it (a new spec for create, the current one for update). */
export function specWithFlags(base: Partial<JobSpec>, options: OptionValues): Partial<JobSpec> {
  const spec: Record<string, unknown> = structuredClone(base);
  const text = (name: string) => stringOption(options, name);
  if (text('name') !== undefined) spec.name = text('name');
  if (text('description') !== undefined) spec.description = text('description');
  if (text('schedule') !== undefined || text('timezone') !== undefined) {
    const schedule = { ...(spec.schedule as object | undefined) } as Record<string, unknown>;
    if (text('schedule') !== undefined) schedule.expression = text('schedule');
    if (text('timezone') !== undefined) schedule.timezone = text('timezone');
    spec.schedule = schedule;
  }
  const headers = options.header as string[] | undefined;
  if (text('url') !== undefined || text('method') !== undefined || headers?.length) {
    const previous = spec.target as Record<string, unknown> | undefined;
    const target: Record<string, unknown> = previous?.type === 'http' ? { ...previous } : { type: 'http' };
    if (text('url') !== undefined) target.url = text('url');
    if (text('method') !== undefined) target.method = text('method')?.toUpperCase();
    if (headers?.length)
      target.headers = { ...(target.headers as object | undefined), ...headersOf(headers) };
    spec.target = target;
  }
  const payload = text('payload');
  if (payload !== undefined) {
    try {
      spec.payload = JSON.parse(payload);
    } catch {
      throw new UsageError('--payload must be JSON.');
    }
  }
  return spec as Partial<JobSpec>;
}
