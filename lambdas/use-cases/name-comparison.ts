import type { Job } from '../domain/job.js';
import { checkJob, type JobCheckDeps, spent } from './reconcile-job.js';
import type { ReconcilerIndex } from './reconciler-ports.js';

/** Every character EventBridge Scheduler allows in a schedule name ([0-9A-Za-z-_.]), in ASCII order. */
export const NAME_CHARACTERS = [
  '-',
  '.',
  ...'0123456789',
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  '_',
  ...'abcdefghijklmnopqrstuvwxyz',
];

/**
 * A job written this recently may still be on its way to Scheduler (the API writes the job, then its
 * schedule, within its 10 s timeout): its missing name is no drift yet.
 */
const IN_FLIGHT_MS = 30_000;
const BATCH = 100;
/** Longer than any job id (26): a prefix this long names one schedule at most, so it is never split. */
const MAX_PREFIX = 32;

export interface NameComparisonDeps extends JobCheckDeps {
  readonly index: ReconcilerIndex;
}

/** What comparing one prefix found. */
export interface PrefixComparison {
  readonly compared: number;
  readonly missing: number;
  readonly orphans: number;
}

/**
 * Compares the job ids starting with `prefix` (from the small id items) with the schedule names starting with
 * it (ListSchedules, 100 names a call), in memory, so drift is found with no GetSchedule per job. A prefix
 * holding more than `chunk` ids (or twice as many names) answers 'split': compare its children instead. Only
 * the differences are read afresh and repaired: a name with no job is an orphan and is deleted; a job with no
 * name gets the full check of that one job (which recreates its schedule and catches up a missed fire).
 */
export async function compareNames(
  deps: NameComparisonDeps,
  prefix: string,
  chunk: number,
): Promise<PrefixComparison | 'split'> {
  const ids = await deps.index.jobIdsWithPrefix(prefix, chunk + 1);
  if (ids.length > chunk) return 'split';
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await deps.schedules.listNames(token, prefix);
    names.push(...page.names);
    token = page.nextToken;
    if (names.length > 2 * chunk) return 'split';
    if (page.mayHaveMore && prefix.length < MAX_PREFIX) return 'split';
  } while (token);
  const known = new Set(ids);
  const registered = new Set(names);
  const missing = ids.filter((id) => !registered.has(id));
  const orphans = names.filter((name) => !known.has(name));
  for (let n = 0; n < orphans.length; n += BATCH) {
    const batch = orphans.slice(n, n + BATCH);
    const jobs = await deps.jobs.getMany(batch);
    for (const name of batch) {
      const job = jobs.get(name);
      if (job) {
        // A job stored before id items were kept (or created just now): give it its id item.
        await deps.index.restoreJobId(name);
        continue;
      }
      await deps.schedules.delete(name);
      deps.repaired('deleted');
    }
  }
  for (let n = 0; n < missing.length; n += BATCH) {
    const batch = missing.slice(n, n + BATCH);
    const jobs = await deps.jobs.getMany(batch);
    for (const jobId of batch) {
      const job = jobs.get(jobId);
      if (!job) await deps.index.forgetJobId(jobId);
      else if (wantsSchedule(job, deps.clock.nowMs())) await checkJob(deps, job);
    }
  }
  return { compared: ids.length + names.length, missing: missing.length, orphans: orphans.length };
}

/** Whether a job with no schedule name is drift worth a check: not completed, not spent, not in flight. */
function wantsSchedule(job: Job, nowMs: number): boolean {
  if (job.status === 'COMPLETED' || spent(job, nowMs)) return false;
  return Date.parse(job.updatedAt) < nowMs - IN_FLIGHT_MS;
}

/** The prefixes one longer than `prefix`, in the order they are compared. */
export const childPrefixes = (prefix: string) => NAME_CHARACTERS.map((character) => prefix + character);
