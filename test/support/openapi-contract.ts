import { readFileSync } from 'node:fs';
import { OPENAPI_FILE } from '../../lambdas/http/openapi.js';

type Schema = Record<string, unknown>;
interface Document {
  readonly paths: Record<string, Record<string, { responses: Record<string, Schema> }>>;
  readonly components: { schemas: Record<string, Schema> };
}

/** The OpenAPI document the API serves (lambdas/http/openapi.json). */
export const servedDocument: Document = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));

const resolve = (schema: Schema): Schema => {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const target = servedDocument.components.schemas[ref.split('/').pop() ?? ''];
  if (!target) throw new Error(`unresolved ${ref}`);
  return resolve(target);
};

/**
 * What in `value` the schema does not allow, as JSON paths: the subset of JSON Schema the document uses for
 * answers (type, properties, required, additionalProperties, items, enum, const, allOf, anyOf, $ref).
 */
export function schemaViolations(value: unknown, schemaIn: Schema, path = '$'): string[] {
  const schema = resolve(schemaIn);
  const problems: string[] = [];
  for (const part of (schema.allOf as Schema[] | undefined) ?? [])
    problems.push(...schemaViolations(value, part, path));
  const anyOf = schema.anyOf as Schema[] | undefined;
  if (anyOf && !anyOf.some((option) => schemaViolations(value, option, path).length === 0)) {
    problems.push(`${path}: matches none of anyOf`);
  }
  if (schema.enum && !(schema.enum as unknown[]).includes(value))
    problems.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if ('const' in schema && schema.const !== value)
    problems.push(`${path}: not ${JSON.stringify(schema.const)}`);
  const type = schema.type;
  const actual = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  if (type === 'integer' && !Number.isInteger(value)) problems.push(`${path}: not an integer`);
  else if (typeof type === 'string' && type !== 'integer' && type !== actual)
    problems.push(`${path}: ${actual}, not ${type}`);
  if (actual === 'object' && (type === 'object' || schema.properties)) {
    const record = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required as string[] | undefined) ?? []) {
      if (!(name in record)) problems.push(`${path}.${name}: required`);
    }
    for (const [name, child] of Object.entries(record)) {
      const declared = properties[name];
      if (declared) problems.push(...schemaViolations(child, declared, `${path}.${name}`));
      else if (schema.additionalProperties === false) problems.push(`${path}.${name}: not in the document`);
      else if (typeof schema.additionalProperties === 'object')
        problems.push(...schemaViolations(child, schema.additionalProperties as Schema, `${path}.${name}`));
    }
  }
  if (actual === 'array' && schema.items) {
    (value as unknown[]).forEach((item, index) => {
      problems.push(...schemaViolations(item, schema.items as Schema, `${path}[${index}]`));
    });
  }
  return problems;
}

/**
 * What in an answer of the API the document does not say: an undeclared status for the route, a content type
 * it does not declare for that status, or a body its schema does not allow (a problem's `code` included).
 */
export function undocumentedInAnswer(
  routeKey: string,
  status: number,
  contentType: string | undefined,
  body: unknown,
): string[] {
  const [method = '', path = ''] = routeKey.split(' ');
  const operation = servedDocument.paths[path]?.[method.toLowerCase()];
  if (!operation) return [`${routeKey} is not in the document`];
  const response = operation.responses[String(status)];
  if (!response) return [`${routeKey} answered ${status}, which the document does not declare`];
  const content = response.content as Record<string, { schema: Schema }> | undefined;
  if (!content)
    return body === undefined || body === '' ? [] : [`${routeKey} ${status}: a body where none is declared`];
  const mediaType = (contentType ?? '').split(';')[0]?.trim() ?? '';
  const declared = content[mediaType];
  if (!declared) return [`${routeKey} ${status}: content type ${mediaType} is not declared`];
  return schemaViolations(body, declared.schema).map((problem) => `${routeKey} ${status}: ${problem}`);
}
