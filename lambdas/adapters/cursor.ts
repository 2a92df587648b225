import { InvalidCursorError } from '../domain/errors.js';

type Key = Record<string, string>;

/** Encodes DynamoDB's LastEvaluatedKey as an opaque URL-safe cursor. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

/**
 * Decodes a cursor, accepting only a key with exactly `attributes` as string fields and `partition` matching
 * the list being read: a cursor from another list, another tenant, or a forged one is refused with a 400.
 */
export function decodeCursor(
  cursor: string | undefined,
  attributes: readonly string[],
  partition: { name: string; value: string },
  anyPartition = false,
  sortKey?: { name: string; prefix: string },
): Key | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw new InvalidCursorError();
  const entries = Object.entries(key);
  const valid =
    entries.length === attributes.length &&
    entries.every(
      ([name, value]) => attributes.includes(name) && typeof value === 'string' && value !== '',
    ) &&
    (!sortKey || String((key as Key)[sortKey.name]).startsWith(sortKey.prefix)) &&
    (anyPartition || (key as Key)[partition.name] === partition.value);
  if (!valid) throw new InvalidCursorError();
  return key as Key;
}
