import { beforeAll, describe, expect, it } from 'vitest';
import {
  readApiConfig,
  readDeadLetterSorterConfig,
  readExecutorConfig,
  readReconcilerConfig,
} from '../../lambdas/config.js';
import { MetricName, MetricService } from '../../lambdas/domain/metrics.js';
import {
  environmentOf,
  type ServiceFunctionName,
  type SynthesizedStack,
  synthStack,
} from '../support/stack-functions.js';

const READERS: Record<ServiceFunctionName, (env: NodeJS.ProcessEnv) => unknown> = {
  api: readApiConfig,
  executor: readExecutorConfig,
  reconciler: readReconcilerConfig,
  sorter: readDeadLetterSorterConfig,
};

describe('one vocabulary from lib/ to lambdas/', () => {
  let synthesized: SynthesizedStack;
  beforeAll(() => {
    // GIVEN the default props, WHEN synthesized
    synthesized = synthStack();
  });

  it.each(Object.keys(READERS) as ServiceFunctionName[])(
    'gives the %s function an environment its config reader accepts',
    (name) => {
      const { stack, template } = synthesized;
      // THEN the reader finds every variable it requires, in the form it requires
      const config = READERS[name](environmentOf(template, stack, name));
      expect(config).toMatchObject({ TABLE_NAME: expect.any(String) });
    },
  );

  it('carries the stack props through to the config the Lambdas read', () => {
    // GIVEN non-default values for the variables with defaults
    const { stack, template } = synthStack({
      metricsNamespace: 'Custom',
      runRetentionDays: 7,
      tenantConcurrentRunLimit: 3,
    });
    // THEN the executor reads them, not its own defaults
    expect(readExecutorConfig(environmentOf(template, stack, 'executor'))).toMatchObject({
      METRICS_NAMESPACE: 'Custom',
      RUN_RETENTION_DAYS: 7,
      TENANT_RUN_LIMIT: 3,
    });
  });

  it('builds the dashboard and alarms only from metrics the code emits, under the services that emit them', () => {
    const { template } = synthesized;
    const names: readonly string[] = Object.values(MetricName);
    const services: readonly string[] = Object.values(MetricService);
    const json = JSON.stringify(template.toJSON());
    const alarmMetrics = Object.values(template.findResources('AWS::CloudWatch::Alarm')).flatMap((alarm) =>
      alarm.Properties.Namespace === 'ServerlessScheduler' ? [alarm.Properties] : [],
    );
    expect(alarmMetrics.length).toBeGreaterThan(0);
    for (const alarm of alarmMetrics) {
      expect(names).toContain(alarm.MetricName);
      const service = alarm.Dimensions.find((dimension: { Name: string }) => dimension.Name === 'Service');
      expect(services).toContain(service.Value);
    }
    // The dashboard body is one string: every ["ServerlessScheduler", "<name>", ...] in it names a metric.
    const dashboardMetrics = [...json.matchAll(/\\"ServerlessScheduler\\",\\"([A-Za-z]+)\\"/g)].map(
      (m) => m[1],
    );
    expect(dashboardMetrics.length).toBeGreaterThan(0);
    for (const name of dashboardMetrics) expect(names).toContain(name);
  });
});
