import fastJsonStringify from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withoutNullableAnyOf } from './nullable-types';

type Writer = (data: unknown) => string;

/**
 * Responses are written by fast-json-stringify, compiled once per route from the zod schema's JSON Schema: only the
 * documented fields go out, as with a zod parse, without re-validating every response the presenters built (that
 * parse was a fifth of a read's CPU). With `validate` (config `VALIDATE_RESPONSES`, on in every test) each response
 * is also checked against its zod schema first, so a presenter drifting from its schema fails the tests.
 */
export function responseSerializerCompiler(options: { validate: boolean }): FastifySerializerCompiler<unknown> {
  // One writer per schema, not per route and status: every route shares the error schema, many the transaction's,
  // and each compiled writer is a few hundred kilobytes of source and code kept for the life of the process.
  const writers = new WeakMap<z.ZodType, Writer>();
  const writerOf = (schema: z.ZodType): Writer => {
    const known = writers.get(schema);
    if (known) return known;
    const write = byType(schema, writerOf) ?? compiled(schema);
    writers.set(schema, write);
    return write;
  };
  return ({ schema, method, url }) => {
    const zodSchema = toZod(schema);
    const write = writerOf(zodSchema);
    if (!options.validate) return write;
    return (data) => {
      const checked = z.safeEncode(zodSchema, data);
      if (checked.error) throw new ResponseSerializationError(method, url, { cause: checked.error });
      return write(data);
    };
  };
}

function compiled(schema: z.ZodType): Writer {
  const jsonSchema = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'any' });
  return fastJsonStringify(withoutNullableAnyOf(jsonSchema) as Parameters<typeof fastJsonStringify>[0]) as Writer;
}

/**
 * A union of objects told apart by their `type` (a transaction or a capture result) is written by the writer of the
 * member its `type` names: fast-json-stringify would try each member with a full JSON Schema validation first.
 * Anything else, or a `type` no member has, goes to the union's own writer, which refuses it as before.
 */
function byType(schema: z.ZodType, writerOf: (member: z.ZodType) => Writer): Writer | undefined {
  if (!(schema instanceof z.ZodUnion)) return undefined;
  const members = new Map<unknown, z.ZodType>();
  for (const member of schema.options as readonly z.ZodType[]) {
    const type = member instanceof z.ZodObject ? member.shape.type : undefined;
    if (!(type instanceof z.ZodLiteral) || type.values.size !== 1) return undefined;
    const [value] = type.values;
    if (members.has(value)) return undefined;
    members.set(value, member);
  }
  const writes = new Map([...members].map(([value, member]) => [value, writerOf(member)]));
  const whole = compiled(schema);
  return (data) => {
    const write = data !== null && typeof data === 'object' ? writes.get((data as { type?: unknown }).type) : undefined;
    return (write ?? whole)(data);
  };
}

function toZod(schema: unknown): z.ZodType {
  if (schema instanceof z.ZodType) return schema;
  const properties = (schema as { properties?: unknown } | null)?.properties;
  if (properties instanceof z.ZodType) return properties;
  throw new Error(`a response schema must be a zod schema, got ${JSON.stringify(schema)}`);
}
