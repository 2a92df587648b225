import type { MiddlewareObj } from '@middy/core';
import type { EmfMetrics } from '../adapters/emf-metrics.js';

/** Writes the invocation's metrics when it ends, whether it succeeded or not. */
export function flushMetrics(metrics: Pick<EmfMetrics, 'flush'>): MiddlewareObj {
  const flush = async () => metrics.flush();
  return { after: flush, onError: flush };
}
