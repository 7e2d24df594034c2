import fc from 'fast-check';
import { escapeLiteral } from 'pg';
import { sqlLiteral } from './pg-statement';

describe('sqlLiteral', () => {
  it('writes what node-postgres’ escapeLiteral writes, for any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom("'", '\\', 'a', '"', 'é', '\n') })),
        (text) => {
          expect(sqlLiteral(text)).toBe(escapeLiteral(text));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('quotes the cases that matter', () => {
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(sqlLiteral('C:\\shop')).toBe(" E'C:\\\\shop'");
    expect(sqlLiteral("a\\'b")).toBe(" E'a\\\\''b'");
    expect(sqlLiteral('')).toBe("''");
  });
});
