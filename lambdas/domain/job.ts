import { z } from 'zod';

/** Largest accepted request body; documented in the README. */
export const MAX_REQUEST_BYTES = 128 * 1024;
/** Largest accepted job payload once serialised as JSON. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/;
/** Headers the executor sets itself; a job may not override them. */
const RESERVED_HEADERS = new Set([
  'host',
  'content-length',
  'idempotency-key',
  'connection',
  'transfer-encoding',
]);

export const HttpTargetSchema = z
  .object({
    type: z.literal('http'),
    url: z.url({ protocol: /^https?$/, error: 'Must be an absolute http(s) URL.' }).max(2048),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
    headers: z
      .record(z.string().regex(HEADER_NAME, 'Not a valid HTTP header name.'), z.string().max(4096))
      .default({})
      .refine((headers) => Object.keys(headers).length <= 32, 'At most 32 headers.')
      .refine(
        (headers) => Object.keys(headers).every((name) => !RESERVED_HEADERS.has(name.toLowerCase())),
        `These headers are set by the service: ${[...RESERVED_HEADERS].join(', ')}.`,
      ),
    timeoutSeconds: z.number().int().min(1).max(60).default(10),
  })
  .strict();

export const ScheduleSchema = z
  .object({
    expression: z.string().min(1).max(256),
    timezone: z.string().min(1).max(64).default('UTC'),
  })
  .strict();

export const CreateJobSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[\p{L}\p{N} ._:/-]+$/u, 'Letters, digits, space and . _ : / - only.'),
    schedule: ScheduleSchema,
    target: HttpTargetSchema,
    payload: z
      .json()
      .optional()
      .refine(
        (payload) => payload === undefined || Buffer.byteLength(JSON.stringify(payload)) <= MAX_PAYLOAD_BYTES,
        `The payload may be at most ${MAX_PAYLOAD_BYTES} bytes of JSON.`,
      ),
  })
  .strict();

export type CreateJobRequest = z.infer<typeof CreateJobSchema>;
export type HttpTarget = z.infer<typeof HttpTargetSchema>;

export type JobStatus = 'ACTIVE' | 'PAUSED' | 'COMPLETED';
export type RunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'SKIPPED';

/** A job as stored and as shown to its owner. Times are ISO-8601 UTC strings. */
export interface Job {
  readonly jobId: string;
  readonly tenant: string;
  readonly name: string;
  readonly schedule: { readonly expression: string; readonly timezone: string };
  readonly target: HttpTarget;
  readonly payload?: unknown;
  readonly status: JobStatus;
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** When the job's EventBridge schedule was created: the origin of a rate schedule's fires. */
  readonly scheduleAnchorAt: string;
  readonly nextRunAt?: string;
  readonly lastRunAt?: string;
  readonly lastRunStatus?: RunStatus;
}
