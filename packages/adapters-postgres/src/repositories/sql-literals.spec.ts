import { inlineBindings, sqlLiteral } from './sql-literals';

describe('SQL literals for one-round-trip writes', () => {
  it('escapes strings, including quotes, backslashes and non-ASCII', () => {
    expect(sqlLiteral("O'Reilly")).toBe("'O''Reilly'");
    expect(sqlLiteral('C:\\path')).toBe(" E'C:\\\\path'");
    expect(sqlLiteral('山田 花子')).toBe("'山田 花子'");
    expect(sqlLiteral("'); DROP TABLE transactions; --")).toBe("'''); DROP TABLE transactions; --'");
  });

  it('writes numbers, booleans, null and dates; refuses what it cannot represent', () => {
    expect(sqlLiteral(12_000)).toBe('12000');
    expect(sqlLiteral(-3)).toBe('-3');
    expect(sqlLiteral(true)).toBe('TRUE');
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(undefined)).toBe('NULL');
    expect(sqlLiteral(new Date('2026-03-01T10:00:00.000Z'))).toBe("'2026-03-01T10:00:00.000Z'");
    expect(() => sqlLiteral(Number.NaN)).toThrow();
    expect(() => sqlLiteral(Number.POSITIVE_INFINITY)).toThrow();
    expect(() => sqlLiteral(new Date('nope'))).toThrow();
    expect(() => sqlLiteral({ a: 1 })).toThrow();
    expect(() => sqlLiteral([1])).toThrow();
    expect(sqlLiteral([])).toBe("'{}'");
    // PostgreSQL reads this back as ["refund_1", 'a"b', "it's"] (checked against the database by the contract suite).
    expect(sqlLiteral(['refund_1', 'a"b', "it's"])).toBe(` E'{"refund_1","a\\\\"b","it''s"}'`);
    expect(() => sqlLiteral(Buffer.from('x'))).toThrow();
  });

  it('replaces $n placeholders by position, $10 not mistaken for $1', () => {
    const bindings = Array.from({ length: 10 }, (_, i) => `v${i + 1}`);
    expect(inlineBindings('select $1, $10, $2', bindings)).toBe("select 'v1', 'v10', 'v2'");
    expect(() => inlineBindings('select $3', ['a'])).toThrow('no binding for $3');
  });
});
