import { describe, expect, it } from 'vitest';
import { RUN_LOCK_CONDITION } from '../../../lambdas/adapters/dynamodb-run-store.js';
import { canTakeRunLock, runExpiryEpochSeconds } from '../../../lambdas/domain/run.js';

const now = 1_800_000_000_000;

describe('canTakeRunLock', () => {
  it.each([
    ['no run yet', undefined, true],
    ['a RUNNING run whose lease expired', { status: 'RUNNING', leaseExpiresAtMs: now - 1 }, true],
    ['a RUNNING run whose lease is live', { status: 'RUNNING', leaseExpiresAtMs: now + 1 }, false],
    [
      'a RUNNING run whose lease ends this very millisecond',
      { status: 'RUNNING', leaseExpiresAtMs: now },
      false,
    ],
    ['a SUCCEEDED run', { status: 'SUCCEEDED' }, false],
    ['a FAILED run', { status: 'FAILED' }, false],
    ['a SKIPPED run', { status: 'SKIPPED' }, false],
  ] as const)('with %s: %s', (_case, existing, expected) => {
    expect(canTakeRunLock(existing, now)).toBe(expected);
  });
});

/**
 * Evaluates the lock's condition expression the way DynamoDB does for the little grammar it uses
 * (`attribute_not_exists(PK)`, `#name = :value`, `#name < :value`, AND, OR, parentheses), on a stored item.
 */
function conditionHolds(
  expression: string,
  item: Record<string, unknown> | undefined,
  values: Record<string, unknown>,
): boolean {
  const tokens = expression.match(/attribute_not_exists\(\w+\)|[()]|AND|OR|[#:]\w+|[=<]/g) ?? [];
  let at = 0;
  const operand = (token: string) => (token.startsWith(':') ? values[token] : item?.[token.slice(1)]);
  const primary = (): boolean => {
    const token = tokens[at++] ?? '';
    if (token === '(') {
      const inner = disjunction();
      at++; // ')'
      return inner;
    }
    const absent = /^attribute_not_exists\((\w+)\)$/.exec(token);
    if (absent) return item?.[absent[1] as string] === undefined;
    const [operator, right] = [tokens[at++], tokens[at++] ?? ''];
    const [a, b] = [operand(token), operand(right)];
    if (a === undefined || b === undefined) return false;
    return operator === '=' ? a === b : (a as number) < (b as number);
  };
  const conjunction = (): boolean => {
    let holds = primary();
    while (tokens[at] === 'AND') {
      at++;
      holds = primary() && holds;
    }
    return holds;
  };
  const disjunction = (): boolean => {
    let holds = conjunction();
    while (tokens[at] === 'OR') {
      at++;
      holds = conjunction() || holds;
    }
    return holds;
  };
  return disjunction();
}

describe('the DynamoDB lock condition', () => {
  it('is the same two clauses: no item, or RUNNING with an expired lease', () => {
    const cases: Array<Parameters<typeof canTakeRunLock>[0]> = [
      undefined,
      { status: 'RUNNING', leaseExpiresAtMs: now - 1 },
      { status: 'RUNNING', leaseExpiresAtMs: now },
      { status: 'RUNNING', leaseExpiresAtMs: now + 1 },
      { status: 'SUCCEEDED' },
      { status: 'FAILED' },
      { status: 'SKIPPED' },
    ];
    for (const existing of cases) {
      const item = existing && { PK: 'JOB#01J', ...existing };
      expect(
        conditionHolds(RUN_LOCK_CONDITION, item, { ':running': 'RUNNING', ':nowMs': now }),
        JSON.stringify(existing),
      ).toBe(canTakeRunLock(existing, now));
    }
  });
});

describe('runExpiryEpochSeconds', () => {
  it('is in seconds, not milliseconds', () => {
    expect(runExpiryEpochSeconds(now, 30)).toBe(now / 1000 + 30 * 86_400);
  });
});
