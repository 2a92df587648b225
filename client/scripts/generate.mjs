// Generates the client's types from the API's OpenAPI document (`npm run generate -w client`, or the root's
// `npm run openapi`): src/generated/openapi.ts by openapi-typescript, and src/generated/job-spec-keys.ts, the
// fields a job's owner sets, so `jobSpecOf` follows the document when fields are added.
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';

const here = (path) => new URL(path, import.meta.url);
const source = here('../../lambdas/http/openapi.json');

/** The generated files' contents, keyed by path relative to client/. */
export async function generatedFiles() {
  const document = JSON.parse(readFileSync(source, 'utf8'));
  const generated = astToString(await openapiTS(document, { defaultNonNullable: false }));
  // A recursive schema as an interface member is a type error (TS2502); a named alias may recurse.
  const recursive =
    /JsonValue: string \| number \| boolean \| null \| components\["schemas"\]\["JsonValue"\]\[\] \| \{\s*\[key: string\]: components\["schemas"\]\["JsonValue"\];\s*\};/;
  if (document.components.schemas.JsonValue && !recursive.test(generated))
    throw new Error('JsonValue is no longer generated as expected: update generate.mjs');
  const types = `${generated.replace(recursive, 'JsonValue: JsonValue;')}\n/** Any JSON value. */\nexport type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };\n`;
  const keys = Object.keys(document.components.schemas.JobSpec.properties);
  return {
    'src/generated/openapi.ts': `// Generated from lambdas/http/openapi.json by client/scripts/generate.mjs: do not edit.\n${types}`,
    'src/generated/job-spec-keys.ts': `// Generated from lambdas/http/openapi.json by client/scripts/generate.mjs: do not edit.\n/** The fields of a job its owner sets (JobSpec), in the document's order. */\nexport const JOB_SPEC_KEYS = ${JSON.stringify(keys)} as const;\n`,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [path, text] of Object.entries(await generatedFiles())) writeFileSync(here(`../${path}`), text);
}
