import type { HttpTarget } from '../domain/target.js';
import type { CallOutcome } from '../use-cases/ports.js';

const USER_AGENT = 'serverless-scheduler/0.1';

/** Calls an HTTP target with Node's fetch: no redirects followed, a hard timeout, the run's idempotency key. */
export async function callHttpTarget(
  target: HttpTarget,
  payload: unknown,
  idempotencyKey: string,
): Promise<CallOutcome> {
  const started = performance.now();
  const hasBody = target.method !== 'GET' && target.method !== 'DELETE' && payload !== undefined;
  try {
    const response = await fetch(target.url, {
      method: target.method,
      redirect: 'manual',
      signal: AbortSignal.timeout(target.timeoutSeconds * 1000),
      headers: {
        'user-agent': USER_AGENT,
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
        ...target.headers,
        'idempotency-key': idempotencyKey,
      },
      body: hasBody ? JSON.stringify(payload) : undefined,
    });
    // Drain the body so the connection can be reused; its content is not needed here.
    await response.arrayBuffer().catch(() => undefined);
    const durationMs = Math.round(performance.now() - started);
    const ok = response.status >= 200 && response.status < 300;
    return {
      ok,
      statusCode: response.status,
      durationMs,
      ...(ok ? {} : { error: `target answered HTTP ${response.status}` }),
    };
  } catch (error) {
    const durationMs = Math.round(performance.now() - started);
    const reason =
      error instanceof Error && error.name === 'TimeoutError'
        ? `timed out after ${target.timeoutSeconds} s`
        : `request failed: ${describe(error)}`;
    return { ok: false, durationMs, error: reason };
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
