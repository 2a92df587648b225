// Generates the client's types from the API's OpenAPI document (`npm run generate -w client`, or the root's
// `npm run openapi`): src/generated/openapi.ts by openapi-typescript, and src/generated/job-spec-keys.ts, the
// fields a job's owner sets, so `jobSpecOf` follows the document when fields are added.
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';

const here = (path) => new URL(path, import.meta.url);
const source = here('../../lambdas/http/openapi.json');

/** A schema's defaults as a tree: `default`, per-property subtrees, and `oneOf` variants keyed by `type`. */
function defaultsTree(schema, document) {
  const resolved = schema.$ref ? document.components.schemas[schema.$ref.split('/').pop()] : schema;
  if (!resolved || typeof resolved !== 'object') return {};
  const tree = {};
  if ('default' in resolved) tree.default = resolved.default;
  const properties = {};
  for (const [name, property] of Object.entries(resolved.properties ?? {})) {
    const subtree = defaultsTree(property, document);
    if (Object.keys(subtree).length) properties[name] = subtree;
  }
  if (Object.keys(properties).length) tree.properties = properties;
  const variants = {};
  for (const variant of resolved.oneOf ?? []) {
    const kind = variant.properties?.type?.const;
    const subtree = defaultsTree(variant, document);
    if (kind !== undefined && Object.keys(subtree).length) variants[kind] = subtree;
  }
  if (Object.keys(variants).length) tree.variants = variants;
  return tree;
}

/** The generated files' contents, keyed by path relative to client/. */
export async function generatedFiles() {
  const document = JSON.parse(readFileSync(source, 'utf8'));
  const generated = astToString(await openapiTS(document, { defaultNonNullable: false }));
  // A recursive schema as an interface member is a type error (TS2502); a named alias may recurse. (Its
  // numbers carry the document's storable ranges, which openapi-typescript writes as `(number | 0 | unknown …)`.)
  const recursive =
    /JsonValue: string \| (?:number|\(number(?: \| [\w ]+)*\)) \| boolean \| null \| components\["schemas"\]\["JsonValue"\]\[\] \| \{\s*\[key: string\]: components\["schemas"\]\["JsonValue"\];\s*\};/;
  if (document.components.schemas.JsonValue && !recursive.test(generated))
    throw new Error('JsonValue is no longer generated as expected: update generate.mjs');
  const types = `${generated.replace(recursive, 'JsonValue: JsonValue;')}\n/** Any JSON value. */\nexport type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };\n`;
  const spec = document.components.schemas.JobSpec;
  const keys = Object.keys(spec.properties);
  return {
    'src/generated/openapi.ts': `// Generated from lambdas/http/openapi.json by client/scripts/generate.mjs: do not edit.\n${types}`,
    'src/generated/job-spec.ts': [
      '// Generated from lambdas/http/openapi.json by client/scripts/generate.mjs: do not edit.',
      "import type { DefaultsTree } from '../spec-defaults.js';",
      '',
      "/** The fields of a job its owner sets (JobSpec), in the document's order. */",
      `export const JOB_SPEC_KEYS = ${JSON.stringify(keys)} as const;`,
      '',
      '/** The defaults the API fills into a JobSpec, so a file that leaves them out compares equal. */',
      `export const JOB_SPEC_DEFAULTS: DefaultsTree = ${JSON.stringify(defaultsTree(spec, document))};`,
      '',
    ].join('\n'),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [path, text] of Object.entries(await generatedFiles())) writeFileSync(here(`../${path}`), text);
}
