// node-postgres ships this module (its package exports `./lib/*`) without types of its own.
declare module 'pg/lib/utils' {
  /** A bound value in the text form the extended protocol sends: a string, a Buffer (bytea) or null. */
  export function prepareValue(value: unknown): string | Buffer | null;
}
