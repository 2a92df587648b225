import * as z from 'zod/mini';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, RetryPolicySchema } from './retry-policy.js';
import { type Target, TargetSchema } from './target.js';

/** Largest accepted request body; documented in the README. */
export const MAX_REQUEST_BYTES = 128 * 1024;
/** Largest accepted job payload once serialised as JSON. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

const instant = () =>
  z.iso.datetime({
    offset: true,
    error: 'Must be an ISO-8601 date-time with a zone, e.g. 2026-12-01T09:00:00Z.',
  });

/** A schedule sent as a bare string is the commonest first mistake: answer with the object to send instead. */
const scheduleShapeError = (issue: { code: string; input?: unknown }) =>
  issue.code === 'invalid_type' && typeof issue.input === 'string'
    ? `A schedule is an object, not a string: send {"expression": ${JSON.stringify(issue.input)}, "timezone": "UTC"} (timezone: an IANA name such as Europe/Berlin; UTC when left out).`
    : undefined;

/**
 * The magnitudes of a payload number the job item can keep: 0, or from DynamoDB's smallest (1e-130) to the
 * largest safe integer (I-JSON, RFC 7493: beyond it integers lose precision, and the DynamoDB document client
 * refuses them). Anything else would fail the write with a 500; it is refused as a 400 instead.
 */
export const STORABLE_NUMBER = { min: 1e-130, max: Number.MAX_SAFE_INTEGER } as const;

function storableNumbers(value: unknown): boolean {
  const pending = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'number') {
      const magnitude = Math.abs(next);
      if (next !== 0 && (magnitude < STORABLE_NUMBER.min || magnitude > STORABLE_NUMBER.max)) return false;
    } else if (next && typeof next === 'object') pending.push(...Object.values(next));
  }
  return true;
}

export const ScheduleSchema = z.lazy(() =>
  z
    .strictObject(
      {
        /** `rate(...)`, `at(...)`, `cron(...)` (AWS, 6 fields) or a classic 5-field Unix cron line. */
        expression: z.string().check(z.minLength(1), z.maxLength(256)),
        timezone: z._default(z.string().check(z.minLength(1), z.maxLength(64)), 'UTC'),
        /** No fire before this instant (recurring schedules only). */
        startAt: z.optional(instant()),
        /** No fire after this instant; the job is COMPLETED once it has passed (recurring schedules only). */
        endAt: z.optional(instant()),
      },
      { error: scheduleShapeError },
    )
    .check(
      z.refine((s) => !s.startAt || !s.endAt || Date.parse(s.startAt) < Date.parse(s.endAt), {
        message: 'endAt must be after startAt.',
        path: ['endAt'],
      }),
    ),
);

export const JobSpecSchema = z.lazy(() =>
  z.strictObject({
    name: z.string().check(
      z.minLength(1),
      z.maxLength(128),
      // Written without \p{…} classes, so that every regex engine reads the document's pattern alike: no
      // control characters, and of ASCII's punctuation only space and . _ : / -.
      z.regex(
        // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
        /^[^\x00-\x1f\x7f-\x9f!"#$%&'()*+,;<=>?@[\\\]^`{|}~]+$/,
        'Letters, digits, space and . _ : / - only.',
      ),
    ),
    description: z.optional(z.string().check(z.maxLength(1024))),
    schedule: ScheduleSchema,
    target: TargetSchema,
    /** How often and how patiently a failed fire is retried. */
    retryPolicy: z._default(RetryPolicySchema, DEFAULT_RETRY_POLICY),
    /** `forbid`: a fire is skipped while another run of the job is still running. */
    overlap: z._default(z.enum(['allow', 'forbid']), 'allow'),
    /** A fire that was missed (no schedule, service down): `fire_once` catches up with one fire, `skip` records it. */
    misfirePolicy: z._default(z.enum(['fire_once', 'skip']), 'fire_once'),
    payload: z
      // Named, so the API document can declare this recursive type once (components/schemas/JsonValue).
      .optional(z.json().register(z.globalRegistry, { id: 'JsonValue', description: 'Any JSON value.' }))
      .check(
        z.refine(
          (payload) =>
            payload === undefined || Buffer.byteLength(JSON.stringify(payload)) <= MAX_PAYLOAD_BYTES,
          `The payload may be at most ${MAX_PAYLOAD_BYTES} bytes of JSON.`,
        ),
        z.refine(
          (payload) => payload === undefined || storableNumbers(payload),
          `Numbers in the payload must be 0 or between ${STORABLE_NUMBER.min} and ${STORABLE_NUMBER.max} in magnitude.`,
        ),
      ),
  }),
);

/** The body of POST /api/jobs and PUT /api/jobs/{id} (a full replacement). */
export type JobSpec = z.infer<typeof JobSpecSchema>;
export type ScheduleSpec = z.infer<typeof ScheduleSchema>;

export type JobStatus = 'ACTIVE' | 'PAUSED' | 'COMPLETED';
export type RunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'SKIPPED';

/** A job as stored and as shown to its owner. Times are ISO-8601 UTC strings. */
export interface Job {
  readonly jobId: string;
  readonly tenant: string;
  readonly name: string;
  readonly description?: string;
  readonly schedule: ScheduleSpec;
  readonly target: Target;
  readonly payload?: unknown;
  readonly retryPolicy: RetryPolicy;
  readonly overlap: 'allow' | 'forbid';
  readonly misfirePolicy?: 'fire_once' | 'skip';
  readonly status: JobStatus;
  readonly pausedReason?: string;
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** When the job's EventBridge schedule was (re)created: the origin of a rate schedule's fires. */
  readonly scheduleAnchorAt: string;
  readonly nextRunAt?: string;
  readonly lastRunAt?: string;
  readonly lastRunStatus?: RunStatus;
  /** Finished runs by outcome, kept by the executor. */
  readonly runsSucceeded?: number;
  readonly runsFailed?: number;
  readonly runsSkipped?: number;
  /** Why the latest skipped fire was skipped (paused, overlap, missed, …), and when it was recorded. */
  readonly lastSkipReason?: string;
  readonly lastSkippedAt?: string;
}
