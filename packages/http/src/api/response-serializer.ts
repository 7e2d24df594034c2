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
  return ({ schema, method, url }) => {
    const zodSchema = toZod(schema);
    const jsonSchema = z.toJSONSchema(zodSchema, { io: 'output', target: 'draft-7', unrepresentable: 'any' });
    const write = fastJsonStringify(jsonSchema as Parameters<typeof fastJsonStringify>[0]) as (data: unknown) => string;
    if (!options.validate) return write;
    return (data) => {
      const checked = z.safeEncode(zodSchema, data);
      if (checked.error) throw new ResponseSerializationError(method, url, { cause: checked.error });
      return write(data);
    };
  };
}

function toZod(schema: unknown): z.ZodType {
  if (schema instanceof z.ZodType) return schema;
  const properties = (schema as { properties?: unknown } | null)?.properties;
  if (properties instanceof z.ZodType) return properties;
  throw new Error(`a response schema must be a zod schema, got ${JSON.stringify(schema)}`);
}
