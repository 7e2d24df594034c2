import { Readable } from 'node:stream';
import type { TransactionListQuery } from '@kessai/domain';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { csvLine, UTF8_BOM } from '../export/csv-cell';
import { TRANSACTION_CSV_COLUMNS } from '../export/transaction-csv';
import { merchantOf } from '../request-context';
import { errorResponses } from '../schemas/common';
import { listTransactionsQuery } from '../schemas/list-query';
import type { ApiServices } from '../services';
import { toListQuery } from '../transaction-list-query';

/** Rows read per query: large enough that a million rows cost few round trips, small enough to hold in memory. */
export const EXPORT_PAGE_SIZE = 500;

/**
 * A Kessai extension (Gr4vy has no export): the list's filtered transactions as one CSV download. Streamed a page at
 * a time by the list's keyset cursor, read only as fast as the client takes it, so no export holds more than a page.
 */
export function transactionExportRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/transactions/export.csv',
      {
        config: { scope: 'transactions.read' },
        schema: {
          tags: ['Transactions'],
          summary: 'Export the filtered transactions as CSV (Kessai extension)',
          description:
            "Takes the list's filters (`GET /transactions`; `cursor` and `limit` are ignored: every matching transaction is exported, newest updated first) and answers `text/csv` in UTF-8 with a byte-order mark, CRLF lines and a header row: id, created_at (ISO 8601, UTC), created_at_japan (Asia/Tokyo), status, money_state, amount, captured_amount, refunded_amount, remaining_to_capture, remaining_to_refund (minor units), currency, external_identifier, buyer_email_address, smartpay_order_id. A cell that would start a formula (`=`, `+`, `-`, `@`, tab, CR) is prefixed with `'`.",
          querystring: listTransactionsQuery,
          response: errorResponses,
        },
      },
      async (request, reply) => {
        const rows = csvRows(services, merchantOf(request), toListQuery(request.query, services.clock.now()));
        // The body is a stream, not a serialised schema: the reply's typing covers only the JSON answers.
        const csv: FastifyReply = reply;
        return csv
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="transactions.csv"')
          .send(Readable.from(rows, { objectMode: false }));
      },
    );
  };
}

const HEADER = UTF8_BOM + csvLine(TRANSACTION_CSV_COLUMNS.map(([name]) => name));

/** The header, then each page of matching transactions as one chunk of lines (none for a filter on the never). */
async function* csvRows(
  services: ApiServices,
  merchant: string,
  filter: TransactionListQuery | undefined,
): AsyncGenerator<string> {
  yield HEADER;
  if (!filter) return;
  let cursor: string | undefined;
  do {
    const page = await services.queries.list(merchant, { ...filter, limit: EXPORT_PAGE_SIZE, cursor });
    yield page.items.map((tx) => csvLine(TRANSACTION_CSV_COLUMNS.map(([, cell]) => cell(tx)))).join('');
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
