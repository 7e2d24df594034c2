import { type RefundResult, refundsOf } from '@kessai/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../api-error';
import { ridingRequest, sendKept } from '../idempotency';
import { presentRefund } from '../presenters';
import { actorOf, headerOf, merchantOf } from '../request-context';
import { errorResponses, listOf, uuid } from '../schemas/common';
import { refundSchema } from '../schemas/refund';
import { refundAllBody, refundBody } from '../schemas/transaction';
import type { ApiServices } from '../services';

const tags = ['Refunds'];
const refunded = (result: RefundResult) => presentRefund(result.transaction.state.details, result.refund);
const refundedAll = (result: RefundResult) => {
  const items = [refunded(result)];
  return { items, limit: items.length, next_cursor: null, previous_cursor: null };
};

export function refundRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/transactions/:transaction_id/refunds',
      {
        config: { scope: 'transactions.write', keyRidesWrites: true },
        schema: {
          tags,
          summary: 'Refund captured money (amount omitted = everything still refundable)',
          params: z.object({ transaction_id: uuid }),
          body: refundBody,
          response: { 201: refundSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await services.refundTransaction.execute({
          merchantAccountId: merchantOf(request),
          actor: actorOf(request),
          transactionId: request.params.transaction_id,
          amount: request.body.amount ?? undefined,
          reason: request.body.reason ?? null,
          externalIdentifier: request.body.external_identifier ?? null,
          idempotencyKey: headerOf(request.headers['idempotency-key']),
          request: ridingRequest(request, reply, (done: RefundResult) => ({ statusCode: 201, body: refunded(done) })),
        });
        return sendKept(request, reply) ?? reply.code(201).send(refunded(result));
      },
    );

    app.post(
      '/transactions/:transaction_id/refunds/all',
      {
        config: { scope: 'transactions.write', keyRidesWrites: true },
        schema: {
          tags,
          summary: 'Refund everything still refundable (Gr4vy refund-all)',
          description:
            'A Smartpay transaction has one instrument (no gift cards), so the list holds one refund: of the whole refundable rest.',
          params: z.object({ transaction_id: uuid }),
          body: refundAllBody,
          response: { 201: listOf(refundSchema, 'RefundsAll'), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await services.refundTransaction.execute({
          merchantAccountId: merchantOf(request),
          actor: actorOf(request),
          transactionId: request.params.transaction_id,
          amount: undefined,
          reason: request.body.reason ?? null,
          externalIdentifier: request.body.external_identifier ?? null,
          idempotencyKey: headerOf(request.headers['idempotency-key']),
          request: ridingRequest(request, reply, (done: RefundResult) => ({
            statusCode: 201,
            body: refundedAll(done),
          })),
        });
        return sendKept(request, reply) ?? reply.code(201).send(refundedAll(result));
      },
    );

    app.get(
      '/transactions/:transaction_id/refunds',
      {
        config: { scope: 'transactions.read' },
        schema: {
          tags,
          summary: 'List the refunds of a transaction',
          params: z.object({ transaction_id: uuid }),
          response: { 200: listOf(refundSchema, 'Refunds'), ...errorResponses },
        },
      },
      async (request) => {
        const { state } = await services.queries.get(merchantOf(request), request.params.transaction_id);
        return {
          items: refundsOf(state).map((r) => presentRefund(state.details, r)),
          limit: 100,
          next_cursor: null,
          previous_cursor: null,
        };
      },
    );

    const getRefund = async (merchant: string, refundId: string, transactionId?: string) => {
      const found = await services.queries.refund(merchant, refundId);
      if (transactionId && found.transactionId !== transactionId) {
        throw ApiError.notFound(`refund ${refundId} was not found`);
      }
      const transaction = await services.queries.get(merchant, found.transactionId);
      return presentRefund(transaction.state.details, found.refund);
    };

    app.get(
      '/refunds/:refund_id',
      {
        config: { scope: 'transactions.read' },
        schema: {
          tags,
          summary: 'Get a refund',
          params: z.object({ refund_id: uuid }),
          response: { 200: refundSchema, ...errorResponses },
        },
      },
      async (request) => getRefund(merchantOf(request), request.params.refund_id),
    );
    app.get(
      '/transactions/:transaction_id/refunds/:refund_id',
      {
        config: { scope: 'transactions.read' },
        schema: {
          tags,
          summary: 'Get a refund of a transaction',
          params: z.object({ transaction_id: uuid, refund_id: uuid }),
          response: { 200: refundSchema, ...errorResponses },
        },
      },
      async (request) => getRefund(merchantOf(request), request.params.refund_id, request.params.transaction_id),
    );
  };
}
