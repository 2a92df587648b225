import * as z from 'zod/mini';
import { cronFireIsDstAffected } from '../domain/cron-fire-times.js';
import { nextFires } from '../domain/fire-times.js';
import { ScheduleSchema } from '../domain/job.js';
import { parseSchedule, scheduleInput } from '../domain/schedule.js';
import { parseWith } from '../domain/validation.js';
import { localTimeWithOffset as withOffset } from '../domain/zoned-time.js';

export const MAX_PREVIEW_FIRES = 50;

export const PreviewRequestSchema = z.lazy(() =>
  z.strictObject({
    schedule: ScheduleSchema,
    count: z._default(z.int().check(z.minimum(1), z.maximum(MAX_PREVIEW_FIRES)), 10),
    /** Fires strictly after this instant; default now. A rate schedule without startAt is anchored here. */
    after: z.optional(z.iso.datetime({ offset: true })),
  }),
);

export interface PreviewFire {
  readonly utc: string;
  /** Wall-clock time in the schedule's zone, with its UTC offset. */
  readonly local: string;
  /** `gap`: moved by a spring-forward transition; `overlap`: in a fall-back hour that happens twice. */
  readonly dst?: 'gap' | 'overlap';
}

/** The next fires of a schedule, in UTC and local time, flagging those a DST transition touches. */
export function previewSchedule(body: unknown, nowMs: number): { timezone: string; fires: PreviewFire[] } {
  const parsedRequest = parseWith(PreviewRequestSchema, body, 'preview request');
  const request = { ...parsedRequest, schedule: scheduleInput(parsedRequest.schedule) };
  const schedule = parseSchedule(request.schedule);
  const afterMs = request.after ? Date.parse(request.after) : nowMs;
  const timezone = request.schedule.timezone;
  const fires = nextFires(schedule, afterMs, afterMs - 1, request.count).map((fireMs) => {
    const dst = schedule.kind === 'cron' ? cronFireIsDstAffected(schedule.cron, timezone, fireMs) : undefined;
    return {
      utc: new Date(fireMs).toISOString(),
      local: withOffset(fireMs, timezone),
      ...(dst ? { dst } : {}),
    };
  });
  return { timezone, fires };
}
