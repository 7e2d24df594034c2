import { types } from 'node:util';

/**
 * One column of a table and how one field of the domain's data travels through it: `write` gives the value bound
 * to the statement's parameter, `read` takes it back from what node-postgres (or `json_agg`) returns.
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

/** The row a column map writes: table column names to the values bound to their parameters. */
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

// The codecs are shared functions, not one closure per column: the mapping loop's call sites stay polymorphic
// (a few targets) instead of megamorphic, which is most of a row's cost.
const asIs = (v: unknown) => v as never;
const readDate = (raw: unknown) => asDate(raw) as never;
const readMaybeDate = (raw: unknown) => (raw === null || raw === undefined ? null : asDate(raw)) as never;
const readTextArray = (raw: unknown) => (raw ?? []) as never;

/** A text, number or boolean column, stored as it is. */
export function value<Name extends string>(name: Name): ColumnOf<Scalar, Name, Scalar> {
  return { name, write: asIs, read: asIs };
}

/** A timestamptz column: a `Date` from node-postgres, an ISO string from `json_agg`. */
export function instant<Name extends string>(name: Name): ColumnOf<Date, Name, Date> {
  return { name, write: asIs, read: readDate };
}

export function maybeInstant<Name extends string>(name: Name): ColumnOf<Date | null, Name, Date | null> {
  return { name, write: asIs, read: readMaybeDate };
}

/** A jsonb column, written as JSON text (the pg driver would send a JS array as a PostgreSQL array literal). */
export function json<Name extends string>(name: Name): ColumnOf<object, Name, string> {
  return { name, write: JSON.stringify, read: asIs };
}

/** A text[] column (a flat array of strings). */
export function textArray<Name extends string>(name: Name): ColumnOf<string[], Name, string[]> {
  return { name, write: asIs, read: readTextArray };
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

/** A column map made ready to use: its fields and columns listed once, so a row is written or read in one loop. */
export interface Mapping<Data> {
  /** The row `columns` writes for `data`, into `row` when given. */
  row(data: Data, row?: Record<string, unknown>): Record<string, unknown>;
  /** The data read from `row`; a field read back as `undefined` is left out (see `optional`). */
  data(row: Record<string, unknown>): Data;
}

export function mapping<Data>(columns: ColumnsOf<Data>): Mapping<Data> {
  const list = Object.entries(columns as Record<string, Column<unknown>>).map(([field, column]) => ({
    field,
    name: column.name,
    write: column.write,
    read: column.read,
  }));
  return {
    row(data, row = {}) {
      const fields = data as Record<string, unknown>;
      for (const column of list) row[column.name] = column.write(fields[column.field]);
      return row;
    },
    data(row) {
      const data: Record<string, unknown> = {};
      for (const column of list) {
        const read = column.read(row[column.name]);
        if (read !== undefined) data[column.field] = read;
      }
      return data as Data;
    },
  };
}

export function columnNames(columns: Record<string, WritingColumn>): string[] {
  return Object.values(columns).map((column) => column.name);
}

// `types.isDate`, not `instanceof`: a copy made by structuredClone may come from another realm (jest's sandbox).
function asDate(raw: unknown): Date {
  return types.isDate(raw) ? raw : new Date(raw as string);
}
