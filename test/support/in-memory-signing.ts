import { INITIAL_GENERATIONS, type SigningGenerations } from '../../lambdas/domain/signing-rotation.js';
import type { SigningGenerationStore } from '../../lambdas/use-cases/ports.js';

/** The master key the in-memory signing ports derive tenants' secrets from. */
export const TEST_MASTER_KEY = 'test-master-key-0123456789-abcdefghijklmnopqrstuvwxyz';

/** Signing generations in a map, with the same version check as the DynamoDB adapter; counts its reads. */
export class InMemorySigningGenerations implements SigningGenerationStore {
  readonly states = new Map<string, SigningGenerations>();
  reads = 0;
  /** Runs before the next save's version check: a test's way to slip in a concurrent write. */
  beforeSave?: () => Promise<void>;

  async get(tenant: string) {
    this.reads++;
    return this.states.get(tenant) ?? INITIAL_GENERATIONS;
  }

  async save(tenant: string, state: SigningGenerations) {
    const hook = this.beforeSave;
    this.beforeSave = undefined;
    await hook?.();
    const stored = this.states.get(tenant)?.version ?? 0;
    if (stored !== state.version) return false;
    this.states.set(tenant, { ...state, version: state.version + 1 });
    return true;
  }
}
