import { useTestDatabase } from '../testing/test-database';
import { columnNames } from './table-columns';
import {
  ACTIVITY_COLUMNS,
  CAPTURE_COLUMNS,
  CHILD_PLACE,
  EVENT_COLUMNS,
  EVENT_COUNT,
  OUTBOX_KEPT,
  OUTBOX_WRITTEN,
  REFUND_COLUMNS,
  TRANSACTION_COLUMNS,
  TRANSACTION_TOTALS,
} from './transaction-columns';

/** A column a migration adds but no map names would be silently never written or read: this fails instead. */
describe('the transaction column maps against the migrated schema', () => {
  const database = useTestDatabase();
  const mapped: Record<string, string[]> = {
    transactions: [...columnNames(TRANSACTION_COLUMNS), ...Object.keys(TRANSACTION_TOTALS), EVENT_COUNT],
    captures: [...columnNames(CAPTURE_COLUMNS), ...CHILD_PLACE],
    refunds: [...columnNames(REFUND_COLUMNS), ...CHILD_PLACE],
    transaction_events: columnNames(EVENT_COLUMNS),
    outbox: [...Object.keys(OUTBOX_WRITTEN), ...OUTBOX_KEPT],
    transaction_activity: [...ACTIVITY_COLUMNS],
  };

  it.each(Object.keys(mapped))('names every column of %s, and no other', async (table) => {
    const rows: Array<{ column_name: string }> = await database()
      .knex('information_schema.columns')
      .where({ table_schema: 'public', table_name: table })
      .select('column_name');
    expect(rows.map((row) => row.column_name).sort()).toEqual([...(mapped[table] ?? [])].sort());
  });
});
