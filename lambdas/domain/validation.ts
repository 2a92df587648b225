import type * as z from 'zod/mini';
import { type FieldProblem, ValidationError } from './errors.js';
import './zod-locale.js';

/** Parses `value` with `schema`, or throws a ValidationError naming every failing field by its path. */
export function parseWith<S extends z.ZodMiniType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data as z.infer<S>;
  const fields: FieldProblem[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  throw new ValidationError(`The ${what} is not valid.`, fields);
}
