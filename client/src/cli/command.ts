import type { SchedulerClient } from '../client.js';

/** A flag a command takes (node:util parseArgs terms, plus what --help says about it). */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  readonly description: string;
  /** How --help names its value, e.g. `<file>`. */
  readonly value?: string;
}

/** What the CLI reads and writes: the process's in main, buffers in tests. */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** A file's text; `-` is standard input. */
  readonly readFile: (path: string) => Promise<string>;
  readonly fetch?: typeof fetch;
}

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandContext {
  readonly args: string[];
  readonly options: OptionValues;
  readonly io: CliIo;
  /** The API client, configured from flags and environment (built on first use). */
  client(): SchedulerClient;
  /** Prints a result: as JSON with `--output json`, else as `human()` renders it. */
  print(value: unknown, human: () => string): void;
}

export interface Command {
  /** The words that name it, e.g. `['jobs', 'create']`. */
  readonly path: readonly string[];
  readonly summary: string;
  /** Positional arguments for --help, e.g. `['<id>']`. */
  readonly args?: readonly string[];
  readonly options?: Readonly<Record<string, OptionSpec>>;
  /** Longer help: examples, formats. */
  readonly details?: string;
  run(context: CommandContext): Promise<void>;
}

/** Reads a flag's value as a string, or undefined. */
export const stringOption = (options: OptionValues, name: string): string | undefined => {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
};
