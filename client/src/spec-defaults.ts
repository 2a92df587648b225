/** A JSON Schema's defaults, as generated from the OpenAPI document (see scripts/generate.mjs). */
export interface DefaultsTree {
  readonly default?: unknown;
  readonly properties?: Readonly<Record<string, DefaultsTree>>;
  /** For a `oneOf` told apart by a `type` constant: each variant's tree. */
  readonly variants?: Readonly<Record<string, DefaultsTree>>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value with the defaults the API would fill in filled in (a copy; the value itself is not changed). */
export function withDefaults(value: unknown, tree: DefaultsTree): unknown {
  const filled = value === undefined ? structuredClone(tree.default) : value;
  if (!isObject(filled)) return filled;
  const variant = typeof filled.type === 'string' ? tree.variants?.[filled.type] : undefined;
  const properties = { ...tree.properties, ...variant?.properties };
  const result: Record<string, unknown> = { ...filled };
  for (const [name, subtree] of Object.entries(properties)) {
    const next = withDefaults(filled[name], subtree);
    if (next !== undefined) result[name] = next;
  }
  return result;
}
