import type { SchedulerClient } from '@serverless-scheduler/client';

/** What a page gets: the signed-in tenant's client, its route parameters and query, and navigation. */
export interface PageContext {
  readonly client: SchedulerClient;
  readonly params: readonly string[];
  readonly query: URLSearchParams;
  readonly navigate: (hash: string) => void;
  /** Registers what to stop (timers) when the user leaves the page. */
  readonly onLeave: (cleanup: () => void) => void;
}

/** One view of the console, rendered into <main>. */
export interface Page {
  render(main: HTMLElement, context: PageContext): Promise<void>;
}
