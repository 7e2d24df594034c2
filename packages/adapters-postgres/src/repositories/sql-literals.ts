import { escapeLiteral } from 'pg';

/**
 * Turns a parameterised statement (`$1`, `$2` … as knex's `toNative()` gives it) into one with SQL literals, so it
 * can travel in a simple-protocol query together with other statements (`…; COMMIT`), one round trip instead of
 * two. Only the value types Kessai's rows hold are accepted; anything else is refused rather than guessed at.
 * Strings go through node-postgres's own `escapeLiteral`.
 */
export function inlineBindings(sql: string, bindings: readonly unknown[]): string {
  return sql.replace(/\$(\d+)/g, (_, index: string) => {
    const position = Number(index) - 1;
    if (position < 0 || position >= bindings.length) throw new Error(`no binding for $${index}`);
    return sqlLiteral(bindings[position]);
  });
}

export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return escapeLiteral(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a SQL literal`);
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  // Tag check, not instanceof: a Date made in another realm (structuredClone under jest) is still a Date.
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const date = value as Date;
    if (Number.isNaN(date.getTime())) throw new Error('cannot write an invalid date as a SQL literal');
    return escapeLiteral(date.toISOString());
  }
  // A flat array of strings (text[] columns such as provider_refund_ids), as PostgreSQL's array literal.
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    const items = (value as string[]).map((item) => `"${item.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
    return escapeLiteral(`{${items.join(',')}}`);
  }
  throw new Error(`cannot write a ${Object.prototype.toString.call(value)} as a SQL literal`);
}
