import { withoutNullableAnyOf } from './nullable-types';

describe('withoutNullableAnyOf', () => {
  it('turns each nullable member, however deep, into a type list keeping its other keywords', () => {
    const date = { type: 'string', format: 'date-time', pattern: '^\\d' };
    const schema = {
      type: 'object',
      properties: {
        at: { anyOf: [date, { type: 'null' }] },
        items: { type: 'array', items: { anyOf: [{ type: 'null' }, { type: 'array', items: { type: 'string' } }] } },
      },
    };
    expect(withoutNullableAnyOf(schema)).toEqual({
      type: 'object',
      properties: {
        at: { ...date, type: ['string', 'null'] },
        items: { type: 'array', items: { type: ['array', 'null'], items: { type: 'string' } } },
      },
    });
  });

  it('leaves a $ref or const branch, a union of more than null, and clashing siblings as they are', () => {
    const left = [
      { anyOf: [{ $ref: '#/definitions/A' }, { type: 'null' }] },
      { anyOf: [{ type: 'string', const: 'x' }, { type: 'null' }] },
      { anyOf: [{ type: 'string' }, { type: 'integer' }] },
      { anyOf: [{ type: 'string' }, { type: 'null' }, { type: 'integer' }] },
      { anyOf: [{ type: 'string', description: 'b' }, { type: 'null' }], description: 'a' },
      { anyOf: [{ type: 'string' }, { type: 'null', description: 'none' }] },
    ];
    for (const schema of left) expect(withoutNullableAnyOf(schema)).toEqual(schema);
  });
});
