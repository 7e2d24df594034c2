import { Readable } from 'node:stream';
import type { ItemListQuery, ManageReconciliation } from '@kessai/domain';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../api-error';
import { csvLine, UTF8_BOM } from '../export/csv-cell';
import {
  presentReconciliationItem,
  presentReconciliationRun,
  RECONCILIATION_CSV_COLUMNS,
} from '../reconciliation-presenters';
import { actorOf, merchantOf } from '../request-context';
import { errorResponses, listOf, uuid } from '../schemas/common';
import {
  acknowledgeItemBody,
  itemsCsvQuery,
  listItemsQuery,
  listRunsQuery,
  reconciliationItemSchema,
  reconciliationRunSchema,
  startReconciliationRunBody,
} from '../schemas/reconciliation';
import type { ApiServices } from '../services';

const tags = ['Reconciliation'];
const runParams = z.object({ run_id: uuid });
const itemParams = runParams.extend({ item_id: uuid });
/** Items read per query while a CSV streams. */
const CSV_PAGE_SIZE = 500;

/**
 * A Kessai extension (Gr4vy lists settlement reporting as unsupported for Smartpay): a connection's Japan day
 * compared with the provider's orders. A run is started here and done by a `reconcile` job; its items are the
 * day's differences, the same for every run of the day.
 */
export function reconciliationRoutes(services: ApiServices): FastifyPluginAsyncZod {
  const manage = services.reconciliation;
  return async (app) => {
    app.post(
      '/reconciliation-runs',
      {
        config: { scope: 'reconciliation.write' },
        schema: {
          tags,
          summary: 'Start reconciling a connection’s day (Japan time) with the provider',
          body: startReconciliationRunBody,
          response: { 202: reconciliationRunSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const run = await manage.start({
          merchantAccountId: merchantOf(request),
          paymentServiceId: request.body.payment_service_id,
          date: request.body.date,
          trigger: 'api',
          actor: actorOf(request) ?? null,
        });
        return reply.code(202).send(presentReconciliationRun(run));
      },
    );

    app.get(
      '/reconciliation-runs',
      {
        config: { scope: 'reconciliation.read' },
        schema: {
          tags,
          summary: 'List reconciliation runs, newest first',
          querystring: listRunsQuery,
          response: { 200: listOf(reconciliationRunSchema, 'ReconciliationRuns'), ...errorResponses },
        },
      },
      async (request) => {
        const { limit, cursor, payment_service_id } = request.query;
        const page = await manage.runs(merchantOf(request), { limit, cursor, paymentServiceId: payment_service_id });
        return {
          items: page.items.map(presentReconciliationRun),
          limit,
          next_cursor: page.nextCursor,
          previous_cursor: page.previousCursor,
        };
      },
    );

    app.get(
      '/reconciliation-runs/:run_id',
      {
        config: { scope: 'reconciliation.read' },
        schema: {
          tags,
          summary: 'Get a reconciliation run: counts by kind, yen on both sides, differences open and resolved',
          params: runParams,
          response: { 200: reconciliationRunSchema, ...errorResponses },
        },
      },
      async (request) => presentReconciliationRun(await manage.run(merchantOf(request), request.params.run_id)),
    );

    app.get(
      '/reconciliation-runs/:run_id/items',
      {
        config: { scope: 'reconciliation.read' },
        schema: {
          tags,
          summary: 'List the differences of the run’s day, newest found first',
          params: runParams,
          querystring: listItemsQuery,
          response: { 200: listOf(reconciliationItemSchema, 'ReconciliationItems'), ...errorResponses },
        },
      },
      async (request) => {
        const { limit, cursor, kind, status } = request.query;
        const page = await manage.items(merchantOf(request), request.params.run_id, { limit, cursor, kind, status });
        return {
          items: page.items.map(presentReconciliationItem),
          limit,
          next_cursor: page.nextCursor,
          previous_cursor: page.previousCursor,
        };
      },
    );

    app.post(
      '/reconciliation-runs/:run_id/items/:item_id/acknowledge',
      {
        config: { scope: 'reconciliation.write' },
        schema: {
          tags,
          summary: 'Acknowledge an open difference with a note (who, when and why are kept)',
          params: itemParams,
          body: acknowledgeItemBody,
          response: { 200: reconciliationItemSchema, ...errorResponses },
        },
      },
      async (request) => {
        // The route is authenticated, so someone asked: the acknowledgement keeps who.
        const actor = actorOf(request);
        if (!actor) throw new ApiError(401, 'unauthorized', 'an acknowledgement needs an authenticated caller');
        const item = await manage.acknowledge(
          merchantOf(request),
          request.params.run_id,
          request.params.item_id,
          actor,
          request.body.note,
        );
        return presentReconciliationItem(item);
      },
    );

    app.get(
      '/reconciliation-runs/:run_id/items.csv',
      {
        config: { scope: 'reconciliation.read' },
        schema: {
          tags,
          summary: 'Download the run’s differences as CSV',
          description:
            'Takes the item list’s `kind` and `status` filters and answers `text/csv` in UTF-8 with a byte-order mark, CRLF lines and a header row: id, date, kind, status, transaction_id, provider_order_id, kessai_amount, provider_amount, detail, resolution, acknowledged_by, acknowledged_at, note, created_at. Streamed a page at a time.',
          params: runParams,
          querystring: itemsCsvQuery,
          response: errorResponses,
        },
      },
      async (request, reply) => {
        const merchant = merchantOf(request);
        const run = await manage.run(merchant, request.params.run_id);
        const rows = csvRows(manage, merchant, run.id, request.query);
        const csv: FastifyReply = reply;
        return csv
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="reconciliation-${run.date}.csv"`)
          .send(Readable.from(rows, { objectMode: false }));
      },
    );
  };
}

async function* csvRows(
  manage: ManageReconciliation,
  merchant: string,
  runId: string,
  filter: Pick<ItemListQuery, 'kind' | 'status'>,
): AsyncGenerator<string> {
  yield UTF8_BOM + csvLine(RECONCILIATION_CSV_COLUMNS.map(([name]) => name));
  let cursor: string | undefined;
  do {
    const page = await manage.items(merchant, runId, { ...filter, limit: CSV_PAGE_SIZE, cursor });
    yield page.items.map((item) => csvLine(RECONCILIATION_CSV_COLUMNS.map(([, cell]) => cell(item)))).join('');
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
