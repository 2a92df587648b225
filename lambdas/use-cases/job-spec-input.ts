import type { JobSpec } from '../domain/job.js';
import { scheduleInput } from '../domain/schedule.js';

/** A validated job spec as a new or edited job stores it: its time zone in canonical spelling, checked. */
export function jobSpecInput(spec: JobSpec): JobSpec {
  return { ...spec, schedule: scheduleInput(spec.schedule) };
}
