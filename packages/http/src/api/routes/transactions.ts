import type { CreateTransactionCommand, PersonDetails } from '@kessai/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../api-error';
import { presentCapture, presentEvent, presentTransaction } from '../presenters';
import { headerOf, merchantOf } from '../request-context';
import { errorResponses, listOf, uuid } from '../schemas/common';
import { type ListTransactionsQuery, listTransactionsQuery } from '../schemas/list-query';
import {
  type CreateTransactionBody,
  captureBody,
  captureResultSchema,
  captureSchema,
  createTransactionBody,
  emptyBody,
  eventSchema,
  personSchema,
  transactionSchema,
} from '../schemas/transaction';
import type { ApiServices } from '../services';

const transactionParams = z.object({ transaction_id: uuid });
const tags = ['Transactions'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().optional() }).loose();

export function transactionRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/transactions',
      {
        config: { scope: 'transactions.write' },
        schema: {
          tags,
          summary: 'Create a transaction',
          headers: idempotencyHeader,
          body: createTransactionBody,
          response: { 201: transactionSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const command = toCreateCommand(request.principal?.merchantAccountId ?? 'default', request.body);
        const created = await services.createTransaction.execute(command);
        return reply.code(201).send(presentTransaction(created));
      },
    );

    app.get(
      '/transactions',
      {
        config: { scope: 'transactions.read' },
        schema: {
          tags,
          summary: 'List transactions (newest updated first)',
          querystring: listTransactionsQuery,
          response: { 200: listOf(transactionSchema, 'Transactions'), ...errorResponses },
        },
      },
      async (request) => {
        const query = request.query;
        const page = await services.queries.list(request.principal?.merchantAccountId ?? 'default', toListQuery(query));
        return {
          items: page.items.map(presentTransaction),
          limit: query.limit,
          next_cursor: page.nextCursor,
          previous_cursor: page.previousCursor,
        };
      },
    );

    app.get(
      '/transactions/:transaction_id',
      {
        config: { scope: 'transactions.read' },
        schema: {
          tags,
          summary: 'Get a transaction',
          params: transactionParams,
          response: { 200: transactionSchema, ...errorResponses },
        },
      },
      async (request) =>
        presentTransaction(await services.queries.get(merchantOf(request), request.params.transaction_id)),
    );

    app.post(
      '/transactions/:transaction_id/capture',
      {
        config: { scope: 'transactions.write' },
        schema: {
          tags,
          summary: 'Capture (all, or part with final=false for more captures later)',
          description:
            'Answers the transaction; with `Prefer: resource=transaction-capture` answers the capture result instead (Gr4vy).',
          params: transactionParams,
          body: captureBody,
          response: { 200: z.union([transactionSchema, captureResultSchema]), ...errorResponses },
        },
      },
      async (request) => {
        const body = request.body;
        const result = await services.captureTransaction.execute({
          merchantAccountId: merchantOf(request),
          transactionId: request.params.transaction_id,
          amount: body.amount ?? undefined,
          final: body.final,
          idempotencyKey: headerOf(request.headers['idempotency-key']),
        });
        const transaction = presentTransaction(result.transaction);
        if (!/resource=transaction-capture/.test(headerOf(request.headers.prefer) ?? '')) return transaction;
        return {
          type: 'transaction-capture' as const,
          status: result.capture.status,
          code: result.capture.errorCode,
          raw_response_code: result.capture.rawResponseCode,
          raw_response_description: result.capture.rawResponseDescription,
          capture_id: result.capture.id,
          payment_service_capture_id: result.capture.providerCaptureId,
          transaction,
        };
      },
    );

    app.get(
      '/transactions/:transaction_id/captures',
      {
        config: { scope: 'transactions.read' },
        schema: {
          tags,
          summary: 'List the captures of a transaction',
          params: transactionParams,
          response: { 200: listOf(captureSchema, 'TransactionCaptures'), ...errorResponses },
        },
      },
      async (request) => {
        const data = await services.queries.get(merchantOf(request), request.params.transaction_id);
        return {
          items: data.captures.map((c) => presentCapture(data, c)),
          limit: 100,
          next_cursor: null,
          previous_cursor: null,
        };
      },
    );

    for (const [action, summary] of [
      ['void', 'Void the authorization (nothing captured yet)'],
      ['cancel', 'Cancel while buyer approval is pending'],
      ['sync', 'Re-read the status from the provider'],
    ] as const) {
      app.post(
        `/transactions/:transaction_id/${action}`,
        {
          config: { scope: action === 'sync' ? 'transactions.read' : 'transactions.write' },
          schema: {
            tags,
            summary,
            params: transactionParams,
            body: emptyBody,
            response: { 200: transactionSchema, ...errorResponses },
          },
        },
        async (request) => {
          const ids = { merchantAccountId: merchantOf(request), transactionId: request.params.transaction_id };
          if (action === 'void') return presentTransaction(await services.voidTransaction.execute(ids));
          if (action === 'cancel') return presentTransaction(await services.cancelTransaction.execute(ids));
          return presentTransaction((await services.syncTransaction.execute({ ...ids, source: 'api' })).transaction);
        },
      );
    }

    app.get(
      '/transactions/:transaction_id/events',
      {
        config: { scope: 'transactions.read' },
        schema: {
          tags,
          summary: 'The audit history of a transaction, oldest first',
          params: transactionParams,
          response: { 200: listOf(eventSchema, 'TransactionEvents'), ...errorResponses },
        },
      },
      async (request) => {
        const events = await services.queries.events(merchantOf(request), request.params.transaction_id);
        return { items: events.map(presentEvent), limit: events.length, next_cursor: null, previous_cursor: null };
      },
    );
  };
}

type PersonBody = z.infer<typeof personSchema>;
function toPerson(body: PersonBody): PersonDetails {
  return {
    firstName: body.first_name,
    lastName: body.last_name,
    emailAddress: body.email_address,
    phoneNumber: body.phone_number ?? null,
    address: {
      line1: body.address.line1,
      line2: body.address.line2 ?? null,
      city: body.address.city,
      state: body.address.state,
      postalCode: body.address.postal_code,
      country: body.address.country,
    },
  };
}

export function toCreateCommand(merchantAccountId: string, body: CreateTransactionBody): CreateTransactionCommand {
  const method = body.payment_method;
  if (body.country && body.country !== method.country) {
    throw ApiError.badRequest('country must match payment_method.country', [
      { location: 'body', pointer: '/country', message: 'must match payment_method.country', type: 'value_error' },
    ]);
  }
  if (body.currency !== method.currency) {
    throw ApiError.badRequest('currency must match payment_method.currency', [
      { location: 'body', pointer: '/payment_method/currency', message: 'must match currency', type: 'value_error' },
    ]);
  }
  const shipping = body.shipping_details ?? body.buyer.shipping_details;
  return {
    merchantAccountId,
    paymentServiceId: body.payment_service_id ?? undefined,
    intent: body.intent,
    amount: body.amount,
    currency: body.currency,
    country: body.country ?? method.country,
    paymentMethod: method.method,
    redirectUrl: method.redirect_url,
    billingDetails: toPerson(body.buyer.billing_details),
    shippingDetails: shipping ? toPerson(shipping) : undefined,
    cartItems: body.cart_items.map((item) => ({
      name: item.name,
      quantity: item.quantity,
      unitAmount: item.unit_amount,
      discountAmount: item.discount_amount,
      taxAmount: item.tax_amount,
      productType: item.product_type ?? null,
      sku: item.sku ?? null,
      externalIdentifier: item.external_identifier ?? null,
    })),
    externalIdentifier: body.external_identifier ?? null,
    metadata: body.metadata ?? {},
    storedPaymentMethod: body.store ?? false,
    partialAuthorization: body.allow_partial_authorization ?? false,
  };
}

function toListQuery(query: ListTransactionsQuery) {
  const statuses = [...(query.status ?? []), ...(query['status[]'] ?? [])];
  const date = (value: string | undefined) => (value ? new Date(value) : undefined);
  return {
    limit: query.limit,
    cursor: query.cursor,
    statuses: statuses.length ? statuses : undefined,
    createdAtGte: date(query.created_at_gte),
    createdAtLte: date(query.created_at_lte),
    updatedAtGte: date(query.updated_at_gte),
    updatedAtLte: date(query.updated_at_lte),
    externalIdentifier: query.external_identifier,
    amountEq: query.amount_eq,
    amountGte: query.amount_gte,
    amountLte: query.amount_lte,
    metadata: query.metadata,
  };
}
