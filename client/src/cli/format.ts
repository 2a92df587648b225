import { stringify } from 'yaml';

/** A plain text table: a header row and aligned columns; empty cells shown as `-`. */
export function table(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cells = rows.map((row) => columns.map((_, index) => cellText(row[index])));
  const widths = columns.map((column, index) =>
    Math.max(column.length, ...cells.map((row) => row[index]?.length ?? 0)),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(columns), ...cells.map(line)].join('\n');
}

const cellText = (value: unknown): string =>
  value === undefined || value === null || value === ''
    ? '-'
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);

/** One resource for people: YAML reads well and round-trips into `jobs create -f`. */
export const document = (value: unknown): string => stringify(value).trimEnd();
