import { types } from 'node:util';

/**
 * One column of a table and how one field of the domain's data travels through it: `write` gives the value a SQL
 * literal is made of (see `sqlLiteral`), `read` takes it back from what node-postgres (or `json_agg`) returns.
 */
export interface Column<T, Name extends string = string, Stored = unknown> {
  readonly name: Name;
  write(value: T): Stored;
  read(raw: unknown): T;
}

/**
 * A column for every field of `Data`: a field without one (or a column for a field `Data` lacks) fails to
 * compile. Keys are the data's field names; each column names its table column.
 */
export type ColumnsOf<Data> = { readonly [Field in keyof Data & string]: Column<Data[Field]> };

/** Any column, as far as writing goes. */
export interface WritingColumn {
  readonly name: string;
  write(value: never): unknown;
}

/** The row a column map writes: table column names to the values their literals are made of. */
export type RowOf<Columns extends Record<string, WritingColumn>> = {
  [Field in keyof Columns as Columns[Field]['name']]: ReturnType<Columns[Field]['write']>;
};

type Scalar = string | number | boolean | null;

/**
 * What the factories below make. `read` is typed by the map the column sits in (`ColumnsOf` checks that the
 * field's type fits `write`), so the factories need not be told the field's type.
 */
export interface ColumnOf<In, Name extends string, Stored> {
  readonly name: Name;
  write(value: In): Stored;
  read(raw: unknown): never;
}

/** A text, number or boolean column, stored as it is. */
export function value<Name extends string>(name: Name): ColumnOf<Scalar, Name, Scalar> {
  return { name, write: (v) => v, read: (raw) => raw as never };
}

/** A timestamptz column: a `Date` from node-postgres, an ISO string from `json_agg`. */
export function instant<Name extends string>(name: Name): ColumnOf<Date, Name, Date> {
  return { name, write: (v) => v, read: (raw) => asDate(raw) as never };
}

export function maybeInstant<Name extends string>(name: Name): ColumnOf<Date | null, Name, Date | null> {
  return { name, write: (v) => v, read: (raw) => (raw === null || raw === undefined ? null : asDate(raw)) as never };
}

/** A jsonb column, written as JSON text (the pg driver would send a JS array as a PostgreSQL array literal). */
export function json<Name extends string>(name: Name): ColumnOf<object, Name, string> {
  return { name, write: (v) => JSON.stringify(v), read: (raw) => raw as never };
}

/** A text[] column (a flat array of strings). */
export function textArray<Name extends string>(name: Name): ColumnOf<string[], Name, string[]> {
  return { name, write: (v) => v, read: (raw) => (raw ?? []) as never };
}

/** A field the data may leave out: stored as NULL, and left out again when read back NULL. */
export function optional<In, Name extends string, Stored>(
  inner: ColumnOf<In, Name, Stored>,
): ColumnOf<In | null | undefined, Name, Stored | null> {
  return {
    name: inner.name,
    write: (v) => (v === null || v === undefined ? null : inner.write(v)),
    read: (raw) => (raw === null || raw === undefined ? undefined : inner.read(raw)) as never,
  };
}

/** The row `columns` writes for `data`. */
export function rowOf<Data>(columns: ColumnsOf<Data>, data: Data): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const field of Object.keys(columns) as Array<keyof Data & string>) {
    row[columns[field].name] = columns[field].write(data[field]);
  }
  return row;
}

/** The data `columns` reads from `row`; a field read back as `undefined` is left out (see `optional`). */
export function dataOf<Data>(columns: ColumnsOf<Data>, row: Record<string, unknown>): Data {
  const data: Record<string, unknown> = {};
  for (const field of Object.keys(columns) as Array<keyof Data & string>) {
    const read = columns[field].read(row[columns[field].name]);
    if (read !== undefined) data[field] = read;
  }
  return data as Data;
}

export function columnNames(columns: Record<string, WritingColumn>): string[] {
  return Object.values(columns).map((column) => column.name);
}

// `types.isDate`, not `instanceof`: a copy made by structuredClone may come from another realm (jest's sandbox).
function asDate(raw: unknown): Date {
  return types.isDate(raw) ? raw : new Date(raw as string);
}
