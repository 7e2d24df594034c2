import type { Transaction } from '@kessai/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { storedBuyerDetails } from '../buyer-details';
import { toCreateCommand } from '../create-command';
import { createEmbedTransaction, requireEmbedTransaction } from '../embed-transactions';
import { presentEvent } from '../presenters';
import { actorOf, merchantOf } from '../request-context';
import { errorResponses, listOf, uuid } from '../schemas/common';
import { listTransactionsQuery, pageParams } from '../schemas/list-query';
import {
  eventSchema,
  transactionActionsSchema,
  transactionSchema,
  transactionUpdateBody,
} from '../schemas/transaction';
import { createTransactionBody } from '../schemas/transaction-create';
import type { ApiServices } from '../services';
import { toListQuery } from '../transaction-list-query';
import { transactionView, transactionViews } from '../transaction-view';
import { neverHeldRoutes } from './never-held';
import { transactionExportRoutes } from './transaction-export';
import { transactionOperationRoutes } from './transaction-operations';

const transactionParams = z.object({ transaction_id: uuid });
const tags = ['Transactions'];
// Gr4vy's events list pages like every list but defaults to 100 (its SDK sends limit=100 unless told otherwise).
const eventsQuery = z.object({ ...pageParams, limit: pageParams.limit.default(100) });
const idempotencyHeader = z.object({ 'idempotency-key': z.string().optional() }).loose();

export function transactionRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    const view = (transaction: Transaction) => transactionView(services.paymentServices, transaction.summary());

    app.post(
      '/transactions',
      {
        config: { scope: 'transactions.write', embed: true },
        schema: {
          tags,
          summary: 'Create a transaction (also with an embed token: its checkout session’s one transaction)',
          description:
            "Takes Gr4vy's `TransactionCreate` as the official SDKs send it. Flags Smartpay cannot honour (`merchant_initiated`, `is_subsequent_payment`, `account_funding_transaction`, `store`, a `payment_source` other than `ecommerce`) are accepted when false or absent and refused with 400 naming the field otherwise; so are non-empty gift cards, 3-D Secure, airline and level 2/3 data.",
          headers: idempotencyHeader,
          body: createTransactionBody,
          response: { 201: transactionSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const merchant = merchantOf(request);
        const embed = request.principal?.embed;
        if (embed) {
          const paid = await createEmbedTransaction(services, merchant, actorOf(request), request.body, embed);
          return reply.code(201).send(await view(paid));
        }
        const storedBuyer = await storedBuyerDetails(services, merchant, request.body);
        const created = await services.createTransaction.execute({
          ...toCreateCommand(merchant, request.body, storedBuyer),
          actor: actorOf(request),
        });
        return reply.code(201).send(await view(created));
      },
    );

    app.get(
      '/transactions',
      {
        config: { scope: 'transactions.read' },
        schema: {
          tags,
          summary: 'List transactions (newest updated first)',
          description:
            "Gr4vy's filters. Those on things Kessai never has (gift cards, 3-D Secure, card BINs and schemes, disputes, reviews, merchant-initiated payments) are accepted and match what is true: nothing when they ask for the thing, everything else when they ask for its absence.",
          querystring: listTransactionsQuery,
          response: { 200: listOf(transactionSchema, 'Transactions'), ...errorResponses },
        },
      },
      async (request) => {
        const query = request.query;
        const filter = toListQuery(query, services.clock.now());
        const page = filter
          ? await services.queries.list(merchantOf(request), filter)
          : { items: [], nextCursor: null, previousCursor: null };
        return {
          items: await transactionViews(services.paymentServices, page.items),
          limit: query.limit,
          next_cursor: page.nextCursor,
          previous_cursor: page.previousCursor,
        };
      },
    );

    app.get(
      '/transactions/:transaction_id',
      {
        config: { scope: 'transactions.read', embed: true },
        schema: {
          tags,
          summary: 'Get a transaction',
          params: transactionParams,
          response: { 200: transactionSchema, ...errorResponses },
        },
      },
      async (request) => {
        const merchant = merchantOf(request);
        const id = request.params.transaction_id;
        const embed = request.principal?.embed;
        if (embed) await requireEmbedTransaction(services, merchant, embed, id);
        return transactionView(services.paymentServices, await services.queries.summary(merchant, id));
      },
    );

    app.put(
      '/transactions/:transaction_id',
      {
        config: { scope: 'transactions.write' },
        schema: {
          tags,
          summary: "Update the merchant's references (external_identifier; metadata replaces the whole map)",
          params: transactionParams,
          body: transactionUpdateBody,
          response: { 200: transactionSchema, ...errorResponses },
        },
      },
      async (request) => {
        const body = request.body;
        const updated = await services.updateTransaction.execute({
          merchantAccountId: merchantOf(request),
          actor: actorOf(request),
          transactionId: request.params.transaction_id,
          ...(body.external_identifier !== undefined ? { externalIdentifier: body.external_identifier } : {}),
          ...(body.metadata !== undefined ? { metadata: body.metadata ?? {} } : {}),
        });
        return view(updated);
      },
    );

    app.get(
      '/transactions/:transaction_id/events',
      {
        config: { scope: 'transactions.read' },
        schema: {
          tags,
          summary: 'The audit history of a transaction, oldest first, a page at a time (Gr4vy: 100 by default)',
          params: transactionParams,
          querystring: eventsQuery,
          response: { 200: listOf(eventSchema, 'TransactionEvents'), ...errorResponses },
        },
      },
      async (request) => {
        const { limit, cursor } = request.query;
        const page = await services.queries.events(merchantOf(request), request.params.transaction_id, {
          limit,
          cursor,
        });
        return {
          items: page.items.map(presentEvent),
          limit,
          next_cursor: page.nextCursor,
          previous_cursor: page.previousCursor,
        };
      },
    );

    app.get(
      '/transactions/:transaction_id/actions',
      {
        config: { scope: 'transactions.read' },
        schema: {
          tags,
          summary: 'Flow (routing rule) actions the transaction triggered: always none, Kessai has no Flow rules',
          params: transactionParams,
          response: { 200: transactionActionsSchema, ...errorResponses },
        },
      },
      async (request) => {
        await services.queries.get(merchantOf(request), request.params.transaction_id);
        return { items: [] };
      },
    );

    await app.register(transactionExportRoutes(services));
    await app.register(transactionOperationRoutes(services));
    await app.register(neverHeldRoutes(services));
  };
}
