import fastJsonStringify from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * Responses are written by fast-json-stringify, compiled once per route from the zod schema's JSON Schema: only the
 * documented fields go out, as with a zod parse, without re-validating every response the presenters built (that
 * parse was a fifth of a read's CPU). With `validate` (config `VALIDATE_RESPONSES`, on in every test) each response
 * is also checked against its zod schema first, so a presenter drifting from its schema fails the tests.
 */
export function responseSerializerCompiler(options: { validate: boolean }): FastifySerializerCompiler<unknown> {
  // One writer per schema, not per route and status: every route shares the error schema, many the transaction's,
  // and each compiled writer is a few hundred kilobytes of source and code kept for the life of the process.
  const writers = new WeakMap<z.ZodType, (data: unknown) => string>();
  return ({ schema, method, url }) => {
    const zodSchema = toZod(schema);
    const write = writers.get(zodSchema) ?? compiled(zodSchema);
    writers.set(zodSchema, write);
    if (!options.validate) return write;
    return (data) => {
      const checked = z.safeEncode(zodSchema, data);
      if (checked.error) throw new ResponseSerializationError(method, url, { cause: checked.error });
      return write(data);
    };
  };
}

function compiled(schema: z.ZodType): (data: unknown) => string {
  const jsonSchema = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'any' });
  return fastJsonStringify(jsonSchema as Parameters<typeof fastJsonStringify>[0]) as (data: unknown) => string;
}

function toZod(schema: unknown): z.ZodType {
  if (schema instanceof z.ZodType) return schema;
  const properties = (schema as { properties?: unknown } | null)?.properties;
  if (properties instanceof z.ZodType) return properties;
  throw new Error(`a response schema must be a zod schema, got ${JSON.stringify(schema)}`);
}
