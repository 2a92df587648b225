import { ulid } from 'ulid';
import { ValidationError } from './errors.js';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** A new job id: a ULID, so ids sort by creation time. */
export const newJobId = (): string => ulid();

/** Throws a 400 for anything that cannot be a job id, before any lookup is made. */
export function assertJobId(value: string): string {
  if (!ULID.test(value)) {
    throw new ValidationError('Invalid job id.', [
      { path: 'id', message: 'A job id is a 26-character ULID.' },
    ]);
  }
  return value;
}
