import { MetricDimension, type MetricName, type MetricService, type MetricUnit } from '../domain/metrics.js';
import type { Metrics } from '../use-cases/ports.js';

/** Most values one EMF metric may carry in a single document. */
const MAX_VALUES = 100;

interface Series {
  readonly name: MetricName;
  readonly unit: MetricUnit;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly values: number[];
}

/**
 * CloudWatch metrics in Embedded Metric Format: observations are buffered during an invocation and written
 * by `flush()` as one JSON log line per dimension set, which CloudWatch turns into metrics without any API
 * call on the request path.
 */
export class EmfMetrics implements Metrics {
  private series = new Map<string, Series>();

  constructor(
    private readonly namespace: string,
    private readonly service: MetricService,
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
    private readonly now: () => number = Date.now,
  ) {}

  add(
    name: MetricName,
    value: number,
    unit: MetricUnit,
    dimensions: Readonly<Record<string, string>> = {},
  ): void {
    const key = `${name}|${unit}|${JSON.stringify(Object.entries(dimensions).sort())}`;
    let series = this.series.get(key);
    if (!series) {
      series = { name, unit, dimensions, values: [] };
      this.series.set(key, series);
    }
    series.values.push(value);
    if (series.values.length >= MAX_VALUES) this.flush();
  }

  /** Writes every buffered observation; call at the end of each invocation. */
  flush(): void {
    const byDimensions = new Map<string, Series[]>();
    for (const series of this.series.values()) {
      const key = JSON.stringify(Object.entries(series.dimensions).sort());
      byDimensions.set(key, [...(byDimensions.get(key) ?? []), series]);
    }
    this.series = new Map();
    for (const group of byDimensions.values()) {
      const dimensions = { [MetricDimension.Service]: this.service, ...group[0]?.dimensions };
      const document: Record<string, unknown> = {
        _aws: {
          Timestamp: this.now(),
          CloudWatchMetrics: [
            {
              Namespace: this.namespace,
              Dimensions: [Object.keys(dimensions)],
              Metrics: group.map((series) => ({ Name: series.name, Unit: series.unit })),
            },
          ],
        },
        ...dimensions,
      };
      for (const series of group)
        document[series.name] = series.values.length === 1 ? series.values[0] : series.values;
      this.write(JSON.stringify(document));
    }
  }
}
