import type { EmfMetrics } from '../adapters/emf-metrics.js';

/**
 * A handler that writes its invocation's metrics when it ends, whether it succeeded or threw: how every
 * handler flushes (the API's middy chain does the same with `flushMetrics`).
 */
export function flushingMetrics<A extends unknown[], R>(
  metrics: Pick<EmfMetrics, 'flush'>,
  handler: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await handler(...args);
    } finally {
      metrics.flush();
    }
  };
}
