import type { Run, RunAttempt, RunOutcome } from '../domain/run.js';

/** A stored run item that is not a run: a bug or a hand edit, never a tenant's input. */
export class MalformedRunItemError extends Error {
  override readonly name = 'MalformedRunItemError';
}

type Item = Readonly<Record<string, unknown>>;

const TRIGGERS: readonly string[] = ['schedule', 'manual', 'catch_up'] satisfies Run['trigger'][];
const STATUSES: readonly string[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED'] satisfies Run['status'][];

function text(item: Item, name: string): string {
  const value = item[name];
  if (typeof value !== 'string') throw new MalformedRunItemError(`run item: ${name} is not a string`);
  return value;
}

function oneOf<T extends string>(item: Item, name: string, choices: readonly string[]): T {
  const value = text(item, name);
  if (!choices.includes(value)) throw new MalformedRunItemError(`run item: ${name} '${value}' is unknown`);
  return value as T;
}

/** The optional fields of `names` that hold a value of `type`; others are left out. */
function optional(item: Item, type: 'string' | 'number', names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    names.flatMap((name) => (typeof item[name] === type ? [[name, item[name]]] : [])),
  );
}

function outcomeOf(value: unknown): RunOutcome {
  const item = (value ?? {}) as Item;
  if (typeof item.durationMs !== 'number')
    throw new MalformedRunItemError('run item: outcome has no durationMs');
  return {
    durationMs: item.durationMs,
    ...optional(item, 'number', ['statusCode']),
    ...optional(item, 'string', ['error', 'responseSnippet']),
  };
}

function attemptOf(value: unknown): RunAttempt {
  const item = (value ?? {}) as Item;
  if (typeof item.attempt !== 'number') throw new MalformedRunItemError('run item: an attempt has no number');
  return { attempt: item.attempt, startedAt: text(item, 'startedAt'), outcome: outcomeOf(item.outcome) };
}

/**
 * The run a stored item holds, parsed rather than cast: the fields a run has, each checked, and nothing of
 * the item's bookkeeping (keys, entity, lease token, TTL). Throws MalformedRunItemError for an item that is
 * not a run.
 */
export function runFromItem(item: Item): Run {
  if (typeof item.attempt !== 'number') throw new MalformedRunItemError('run item: attempt is not a number');
  return {
    jobId: text(item, 'jobId'),
    runId: text(item, 'runId'),
    scheduledTime: text(item, 'scheduledTime'),
    trigger: oneOf<Run['trigger']>(item, 'trigger', TRIGGERS),
    status: oneOf<Run['status']>(item, 'status', STATUSES),
    attempt: item.attempt,
    startedAt: text(item, 'startedAt'),
    ...optional(item, 'number', ['leaseExpiresAtMs']),
    ...optional(item, 'string', ['finishedAt', 'nextAttemptAt', 'skipReason']),
    ...(item.outcome === undefined ? {} : { outcome: outcomeOf(item.outcome) }),
    ...(Array.isArray(item.attempts) ? { attempts: item.attempts.map(attemptOf) } : {}),
  };
}
