import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface WorkerConfig {
  readonly tableName: string;
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
  /** Run time per batch, as a Lambda invocation's: the lease is this minus 2 s (at least 1 s). */
  readonly invocationMs: number;
  /** The process stops polling after this long even if nobody tells it to. */
  readonly hardTimeoutMs: number;
  /** SIGKILL the process just before or just after its target call, or SIGSTOP it just after. */
  readonly sabotage?: 'kill-before-call' | 'kill-after-call' | 'freeze-after-call';
}

export interface WorkerReport {
  readonly batches: number;
  readonly received: number;
  readonly keptOnQueue: number;
  /** Deletes SQS refused: stale receipt handles of messages received again since. */
  readonly deletesRefused: readonly string[];
  /** Polls that failed (an AWS error), each logged to stderr. */
  readonly errors: number;
  /** Lock requests refused because another delivery held or had finished the run. */
  readonly locksRefused: number;
  /** `<status> <jobId>/<runId>` of every run event this process published. */
  readonly finished: readonly string[];
}

export type WorkerToParent = { type: 'ready' } | { type: 'report'; report: WorkerReport };

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WORKER = fileURLToPath(new URL('./executor-worker.ts', import.meta.url));

/** An executor running in its own node process (TypeScript through tsx), talked to over IPC. */
export class WorkerProcess {
  private output = '';
  private report?: WorkerReport;
  private readonly readySignal: Promise<void>;
  private readonly exitSignal: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => this.keep(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.keep(chunk));
    this.readySignal = new Promise((resolve, reject) => {
      child.on('message', (message: WorkerToParent) => {
        if (message.type === 'ready') resolve();
        if (message.type === 'report') this.report = message.report;
      });
      child.once('exit', () => reject(new Error(`worker exited before it was ready:\n${this.output}`)));
    });
    this.readySignal.catch(() => {}); // observed by ready()
    this.exitSignal = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  static start(config: WorkerConfig): WorkerProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, JSON.stringify(config)], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    return new WorkerProcess(child);
  }

  /** What the process wrote to stdout and stderr (the last 20 kB). */
  get log(): string {
    return this.output;
  }

  ready(timeoutMs: number): Promise<void> {
    return withTimeout(this.readySignal, timeoutMs, 'worker not ready');
  }

  /** Waits for the process to end by itself (it was killed, or its hard timeout passed). */
  exited(timeoutMs: number) {
    return withTimeout(this.exitSignal, timeoutMs, 'worker still running');
  }

  /** Tells the process to stop after its current batch and returns its report; SIGKILLs it if it hangs. */
  async stop(timeoutMs: number): Promise<WorkerReport> {
    if (this.child.connected) this.child.send({ type: 'stop' });
    try {
      await this.exited(timeoutMs);
    } catch (error) {
      this.kill();
      throw error;
    }
    if (!this.report) throw new Error(`worker ended without a report:\n${this.output}`);
    return this.report;
  }

  /** Lets a process that stopped itself (SIGSTOP) carry on. */
  resume(): void {
    this.child.kill('SIGCONT');
  }

  /** Ends the process if it still runs (cleanup after a failed test). */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  private keep(chunk: Buffer): void {
    this.output = (this.output + chunk.toString('utf8')).slice(-20_000);
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
