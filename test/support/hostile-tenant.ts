import { afterAll, expect } from 'vitest';

/**
 * The ledger of a hostile-tenant suite: every attack is tried through `attempt`, which records whether it
 * succeeded and fails the test when it did; when the suite ends it prints `<suite>: N attempts, 0 succeeded`
 * (the figure the security model quotes). An attack's probe returns true when the attacker got what it wanted.
 */
export function hostileTenantLedger(suite: string) {
  const tried: Array<{ attack: string; succeeded: boolean }> = [];
  afterAll(() => {
    const succeeded = tried.filter((entry) => entry.succeeded);
    const names = succeeded.map((entry) => entry.attack).join('; ');
    console.log(
      `hostile tenant, ${suite}: ${tried.length} attempts, ${succeeded.length} succeeded${names ? ` (${names})` : ''}`,
    );
  });
  return {
    /** Tries one attack; the test fails if the probe says it succeeded. */
    async attempt(attack: string, probe: () => boolean | Promise<boolean>): Promise<void> {
      const succeeded = await probe();
      tried.push({ attack, succeeded });
      expect(succeeded, `attack succeeded: ${attack}`).toBe(false);
    },
  };
}
