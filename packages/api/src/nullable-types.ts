type JsonSchema = Record<string, unknown>;

const isSchema = (value: unknown): value is JsonSchema =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The JSON Schema with each `anyOf: [{type: T, …}, {type: 'null'}]` (what zod writes for `.nullable()`) as
 * `{type: [T, 'null'], …}`: the same documents, but fast-json-stringify then picks the branch with a `typeof` check
 * instead of validating the value against each branch (a date-time's format and pattern, an object's every field).
 * A branch with a `$ref` or a `const`, or any other `anyOf`, is left as it is.
 */
export function withoutNullableAnyOf(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutNullableAnyOf);
  if (!isSchema(schema)) return schema;
  const copy: JsonSchema = Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, withoutNullableAnyOf(value)]),
  );
  const { anyOf, ...rest } = copy;
  if (!Array.isArray(anyOf) || anyOf.length !== 2) return copy;
  const nullAt = anyOf.findIndex(
    (branch) => isSchema(branch) && branch.type === 'null' && Object.keys(branch).length === 1,
  );
  const other = anyOf[1 - nullAt];
  if (nullAt < 0 || !isSchema(other) || typeof other.type !== 'string' || '$ref' in other || 'const' in other)
    return copy;
  if (Object.keys(rest).some((key) => key in other)) return copy;
  return { ...rest, ...other, type: [other.type, 'null'] };
}
