/** Small statistics for benchmarks: medians and percentiles of samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

/** A figure next to its baseline, measured in the same run: the ratio is what carries across machines. */
export function row(name: string, value: number, baseline: number, unit: string, target?: string): string {
  const ratio = baseline > 0 ? value / baseline : Number.NaN;
  return `| ${name} | ${format(value)} ${unit} | ${format(baseline)} ${unit} | ${ratio.toFixed(2)}× | ${target ?? ''} |`;
}

export function format(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export const TABLE_HEADER = [
  '| figure | measured | baseline | ratio | target |',
  '| --- | --- | --- | --- | --- |',
];
