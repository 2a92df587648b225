import { parseArgs } from 'node:util';
import type { SchedulerClient } from '../client.js';
import { SchedulerAuthError, SchedulerNetworkError, SchedulerProblem } from '../problem.js';
import type { CliIo, Command, CommandContext } from './command.js';
import { applyCommand } from './commands/apply.js';
import { jobCommands } from './commands/jobs.js';
import { operationCommands } from './commands/operations.js';
import { clientFrom, connectionOptions } from './config.js';
import { UsageError } from './usage-error.js';

/** The CLI's exit codes. */
export const EXIT = { ok: 0, usage: 1, api: 2, unreachable: 3 } as const;

export const commands: readonly Command[] = [...jobCommands, ...operationCommands, applyCommand];

const optionLines = (command: Pick<Command, 'options'>) =>
  Object.entries({ ...command.options, ...connectionOptions }).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.value ? ` ${spec.value}` : ''}`;
    return `  ${flag.padEnd(34)} ${spec.description}`;
  });

function commandHelp(command: Command): string {
  return [
    `Usage: scheduler ${command.path.join(' ')}${command.args?.length ? ` ${command.args.join(' ')}` : ''} [options]`,
    '',
    command.summary,
    ...(command.details ? ['', command.details] : []),
    '',
    'Options:',
    ...optionLines(command),
  ].join('\n');
}

function overview(group?: string): string {
  const listed = commands.filter((command) => !group || command.path[0] === group);
  return [
    `Usage: scheduler ${group ?? '<command>'} ${group ? '<action>' : ''} [options]`.replace(/ +/g, ' '),
    '',
    'Commands:',
    ...listed.map((command) => `  ${command.path.join(' ').padEnd(24)} ${command.summary}`),
    '',
    'Every command takes --help. Exit codes: 0 ok, 1 usage, 2 the API refused (problem printed), 3 network or auth.',
    'Configuration: SCHEDULER_API_URL, and SCHEDULER_TOKEN (bearer), SCHEDULER_CLIENT_ID/SECRET + SCHEDULER_TOKEN_URL',
    '(Cognito client credentials), or the default AWS credential chain and AWS_REGION (IAM).',
  ].join('\n');
}

/** The command named by the first words of argv, and the words after them. */
function findCommand(argv: readonly string[]): { command?: Command; rest: string[]; group?: string } {
  const [first, second] = argv;
  const single = commands.find((command) => command.path.length === 1 && command.path[0] === first);
  if (single) return { command: single, rest: argv.slice(1) };
  const pair = commands.find((command) => command.path[0] === first && command.path[1] === second);
  if (pair) return { command: pair, rest: argv.slice(2) };
  return commands.some((command) => command.path[0] === first) ? { rest: [], group: first } : { rest: [] };
}

/** Runs the CLI; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const { command, rest, group } = findCommand(argv);
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  if (!command) {
    if (argv.length === 0 || (wantsHelp && (argv.length === 1 || group))) {
      io.stdout(`${overview(group)}\n`);
      return argv.length === 0 ? EXIT.usage : EXIT.ok;
    }
    io.stderr(`Unknown command: ${argv.slice(0, 2).join(' ')}\n\n${overview(group)}\n`);
    return EXIT.usage;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, ...connectionOptions },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.stdout(`${commandHelp(command)}\n`);
      return EXIT.ok;
    }
    const output = values.output ?? 'table';
    if (output !== 'table' && output !== 'json') throw new UsageError('--output is table or json.');
    let client: SchedulerClient | undefined;
    const context: CommandContext = {
      args: positionals,
      options: values,
      io,
      client: () => {
        client ??= clientFrom(values, io.env, io.fetch);
        return client;
      },
      print: (value, human) => io.stdout(`${output === 'json' ? JSON.stringify(value, null, 2) : human()}\n`),
    };
    await command.run(context);
    return EXIT.ok;
  } catch (error) {
    return reportFailure(error, command, io, argv.includes('json'));
  }
}

function reportFailure(error: unknown, command: Command, io: CliIo, json: boolean): number {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    io.stderr(
      `${(error as Error).message}\nRun 'scheduler ${command.path.join(' ')} --help' for its usage.\n`,
    );
    return EXIT.usage;
  }
  if (error instanceof SchedulerProblem) {
    if (json) {
      const { status, code, title, detail, errors, retryAfterSeconds, type, instance } = error;
      io.stderr(
        `${JSON.stringify({ type, title, status, code, detail, errors, retryAfterSeconds, instance }, null, 2)}\n`,
      );
    } else {
      const fields = error.errors.map((field) => `\n  ${field.path}: ${field.message}`).join('');
      const wait = error.retryAfterSeconds === undefined ? '' : `\n  retry after ${error.retryAfterSeconds}s`;
      io.stderr(`Error ${error.status} ${error.code}: ${error.detail}${fields}${wait}\n`);
    }
    // A 401 is the caller's credentials, not the request: the same class as a failed token fetch.
    return error.status === 401 ? EXIT.unreachable : EXIT.api;
  }
  if (error instanceof SchedulerNetworkError || error instanceof SchedulerAuthError) {
    io.stderr(`${error.name}: ${error.message}\n`);
    return EXIT.unreachable;
  }
  throw error;
}
