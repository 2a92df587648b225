import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_FILE, openApiDocument } from '../../../lambdas/http/openapi.js';

const served = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));

function refsOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsOf);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [value] : refsOf(value),
  );
}

describe('the OpenAPI document the API serves', () => {
  it('is the one the request schemas generate (after a schema change: npm run openapi)', () => {
    expect(served).toEqual(openApiDocument(''));
  });

  it('refers only to components it declares', () => {
    const refs = refsOf(served);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of new Set(refs)) {
      const [, , section, name] = ref.split('/');
      expect(served.components?.[section as string]?.[name as string], ref).toBeDefined();
    }
  });
});
