import * as z from 'zod/mini';
import { JobSpecSchema } from '../domain/job.js';

// Response shapes, declared in zod like the requests so the document is generated from one source. Each
// one is what a representation in representations.ts gives (the API fuzz test and schemathesis hold them so).
const Timestamp = z.iso.datetime();
/** The request schemas are lazy (built on first use); the document works on what they build. */
export const built = <T extends z.ZodMiniType>(schema: z.ZodMiniLazy<T>): T => schema._zod.innerType;

const count = (what: string) => z.optional(z.int().check(z.minimum(0), z.describe(what)));
const RunStatus = z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED']);

/** A job id: a ULID (Crockford base 32, upper case). */
export const JOB_ID_PATTERN = '^[0-9A-HJKMNP-TV-Z]{26}$';

export const JobOut = z.safeExtend(built(JobSpecSchema), {
  id: z.string().check(z.regex(new RegExp(JOB_ID_PATTERN)), z.describe('ULID')),
  status: z.enum(['ACTIVE', 'PAUSED', 'COMPLETED']),
  pausedReason: z.optional(z.string()),
  revision: z.int().check(z.minimum(1), z.describe('Also the ETag; send it back in If-Match.')),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  nextRunAt: z.optional(Timestamp),
  lastRunAt: z.optional(Timestamp),
  lastRunStatus: z.optional(RunStatus),
  runsSucceeded: count('Runs that succeeded, kept by the executor'),
  runsFailed: count('Runs that failed after their last attempt'),
  runsSkipped: count('Fires skipped (overlap, misfire, paused or changed job)'),
  lastSkipReason: z.optional(z.string().check(z.describe('Why the latest skipped fire was skipped'))),
  lastSkippedAt: z.optional(Timestamp),
  firing: z.object({
    schedule: z
      .enum(['enabled', 'disabled', 'finished'])
      .check(z.describe('enabled: registered and firing; disabled: paused; finished: completed')),
    nextFireAt: z.optional(Timestamp),
    nextFireLocal: z.optional(
      z.string().check(z.describe("The next fire in the job's time zone, with offset")),
    ),
    overdue: z.optional(
      z
        .object({
          scheduledTime: Timestamp,
          reason: z.enum([
            'running',
            'retrying',
            'stalled',
            'catch_up_pending',
            'skip_pending',
            'awaiting_run',
          ]),
          detail: z.string(),
          nextAttemptAt: z.optional(Timestamp),
        })
        .check(z.describe('A fire that is due and has not run: why, in a word and a sentence')),
    ),
  }),
});

const Outcome = z.object({
  statusCode: z.optional(z.int()),
  durationMs: z.number(),
  error: z.optional(z.string()),
  responseSnippet: z.optional(z.string().check(z.describe("The first bytes of the target's answer"))),
});

export const RunOut = z.object({
  jobId: z.string(),
  runId: z.string().check(z.describe('The scheduled time, or `<time>~<ULID>` for a manual run')),
  scheduledTime: Timestamp,
  trigger: z
    .enum(['schedule', 'manual', 'catch_up'])
    .check(z.describe("catch_up: the reconciler's fire for a scheduled time that was missed")),
  status: RunStatus,
  attempt: z.int().check(z.minimum(1), z.describe('The attempt under way or last made, from 1')),
  startedAt: Timestamp,
  finishedAt: z.optional(Timestamp),
  outcome: z.optional(Outcome),
  attempts: z.optional(
    z
      .array(z.object({ attempt: z.int(), startedAt: Timestamp, outcome: Outcome }))
      .check(z.describe('Every attempt made, oldest first')),
  ),
  nextAttemptAt: z.optional(
    Timestamp.check(z.describe('When the next attempt is due, while waiting for a retry')),
  ),
  skipReason: z.optional(z.string()),
});

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  code: z.string().check(z.describe('Stable, machine-readable reason')),
  detail: z.string(),
  instance: z.optional(z.string()),
  errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
});

/** What API Gateway itself answers before the API's code runs (authorizer, throttling, a failed integration). */
export const GatewayMessage = z.object({ message: z.string() });

export const Execution = z.object({
  jobId: z.string(),
  runId: z.string(),
  scheduledTime: Timestamp,
  trigger: z.literal('manual'),
});

export const Preview = z.object({
  timezone: z.string(),
  fires: z.array(
    z.object({ utc: Timestamp, local: z.string(), dst: z.optional(z.enum(['gap', 'overlap'])) }),
  ),
});

export const DeadFire = z.object({
  id: z.string().check(z.describe('`<sentAt>#<messageId>`; pass it to /api/dlq/redrive as one of `ids`')),
  messageId: z.string(),
  fire: z.looseObject({ jobId: z.string(), revision: z.int(), scheduledTime: z.string() }),
  reason: z.optional(z.string()),
  sentAt: Timestamp,
  filedAt: Timestamp,
  receiveCount: z.int(),
});

export const Redriven = z.object({ redriven: z.int().check(z.minimum(0)) });

const GenerationSecret = z.object({
  generation: z.int(),
  secret: z.string().check(z.describe('whsec_<base64 key bytes>: give it to a standardwebhooks library')),
});

export const SigningSecret = z.object({
  current: GenerationSecret,
  next: z.optional(GenerationSecret),
  rotationStartedAt: z.optional(Timestamp),
  signedWithNextFrom: z.optional(
    Timestamp.check(z.describe('From then on every call also carries a signature with next')),
  ),
  rotatedAt: z.optional(Timestamp),
  propagationSeconds: z.int().check(z.describe('How long a rotation step takes to reach every call')),
});

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  checks: z.record(z.string(), z.object({ ok: z.boolean(), detail: z.optional(z.string()) })),
});
