import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { generatedFiles } from '../../../client/scripts/generate.mjs';

describe('the client types', () => {
  it('are generated from the current OpenAPI document (run `npm run openapi` when this fails)', async () => {
    const files = (await generatedFiles()) as Record<string, string>;
    for (const [path, text] of Object.entries(files)) {
      expect(readFileSync(new URL(`../../../client/${path}`, import.meta.url), 'utf8'), path).toBe(text);
    }
  });
});
