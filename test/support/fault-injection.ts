/**
 * A fault-injecting middleware for AWS SDK v3 clients: chosen operations fail with a given error before the
 * request is sent, for a deterministic share of calls (a seeded generator), so tests break exactly the calls
 * they mean to and nothing in the code under test is edited.
 */
export interface FaultPlan {
  /** Command names to fail, e.g. 'CreateScheduleCommand'. */
  readonly operations: readonly string[];
  /** Share of those calls that fail, 0..1. */
  readonly rate: number;
  /** The error's name, e.g. 'ThrottlingException'. */
  readonly errorName?: string;
  readonly seed?: number;
}

export interface FaultInjector {
  /** Calls that were failed, by operation. */
  readonly injected: Map<string, number>;
  /** Calls that went through, by operation. */
  readonly passed: Map<string, number>;
  enabled: boolean;
}

/** Any SDK v3 client: only its middleware stack is used. */
type MiddlewareClient = { middlewareStack: object };
type AddMiddleware = (
  middleware: unknown,
  options: { step: 'initialize'; name: string; priority: 'high' },
) => void;

/** Mulberry32: a small seeded generator, so a failing run can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function injectFaults(client: MiddlewareClient, plan: FaultPlan): FaultInjector {
  const random = seeded(plan.seed ?? 42);
  const injector: FaultInjector = { injected: new Map(), passed: new Map(), enabled: true };
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const add = (client.middlewareStack as { add: AddMiddleware }).add.bind(client.middlewareStack);
  add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
      async (args: unknown) => {
        const operation = context.commandName ?? '';
        if (injector.enabled && plan.operations.includes(operation)) {
          if (random() < plan.rate) {
            bump(injector.injected, operation);
            throw Object.assign(new Error(`injected fault in ${operation}`), {
              name: plan.errorName ?? 'ThrottlingException',
              $fault: 'server',
            });
          }
          bump(injector.passed, operation);
        }
        return next(args);
      },
    { step: 'initialize', name: `faultInjection-${plan.operations.join('-')}`, priority: 'high' },
  );
  return injector;
}
