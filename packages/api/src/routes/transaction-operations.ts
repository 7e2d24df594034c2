import {
  type Capture,
  type CaptureResult,
  capturesOf,
  type PaymentService,
  type Transaction,
  type TransactionSummary,
  type VoidResult,
  voidOutcomeOf,
} from '@kessai/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../api-error';
import { ridingRequest, sendKept } from '../idempotency';
import { presentCapture } from '../presenters';
import { actorOf, headerOf, merchantOf } from '../request-context';
import { errorBody, errorResponses, listOf, uuid } from '../schemas/common';
import type { TransactionJson } from '../schemas/transaction';
import {
  cancelResultSchema,
  captureBody,
  captureResultSchema,
  captureSchema,
  emptyBody,
  transactionSchema,
  voidResultSchema,
} from '../schemas/transaction';
import type { ApiServices } from '../services';
import { knownView, transactionView } from '../transaction-view';

const transactionParams = z.object({ transaction_id: uuid });
const tags = ['Transactions'];
const prefers = (header: string | string[] | undefined, resource: string) =>
  (Array.isArray(header) ? header : [header ?? '']).some((value) => value.includes(`resource=${resource}`));

/**
 * A capture or void the provider refused or failed. With `Prefer: resource=…` Gr4vy answers 200 with the failed
 * status and code; without it the plain transaction would look like a success, so it is an error in the envelope:
 * 400 when the provider declined, 502 when it failed. The transaction shows the attempt's `error_code` either way.
 */
function refusedBy(
  what: 'capture' | 'void',
  outcome: { status: string; code: string | null; rawCode: string | null; rawDescription: string | null },
): ApiError {
  const said = [outcome.rawCode, outcome.rawDescription].filter(Boolean).join(': ');
  const message = `the provider ${outcome.status === 'declined' ? 'declined' : 'failed'} the ${what}${said ? ` (${said})` : ''}`;
  if (outcome.status === 'declined') {
    return ApiError.badRequest(message, [{ location: 'unknown', pointer: '', message, type: `${what}_declined` }]);
  }
  return new ApiError(502, 'bad_gateway', message);
}

const captureOutcome = (capture: Capture) => ({
  status: capture.status,
  code: capture.failure.errorCode,
  rawCode: capture.failure.rawResponseCode,
  rawDescription: capture.failure.rawResponseDescription,
});

interface AttemptOutcome {
  status: 'succeeded' | 'pending' | 'declined' | 'failed';
  code: string | null;
  rawCode: string | null;
  rawDescription: string | null;
}

/**
 * What a capture or void answers: the transaction, or with `Prefer` Gr4vy's result of the attempt (`extra`: the
 * capture's ids); without it, a declined or failed attempt is the provider's refusal.
 */
function attemptAnswer<T extends 'capture' | 'void', E extends object>(
  what: T,
  outcome: AttemptOutcome,
  transaction: TransactionJson,
  prefer: boolean,
  extra: E,
) {
  if (!prefer) {
    if (outcome.status === 'declined' || outcome.status === 'failed') return { refused: refusedBy(what, outcome) };
    return { body: transaction };
  }
  return {
    body: {
      type: `transaction-${what}` as `transaction-${T}`,
      status: outcome.status,
      code: outcome.code,
      raw_response_code: outcome.rawCode,
      raw_response_description: outcome.rawDescription,
      ...extra,
      transaction,
    },
  };
}

const captureAnswer = (result: CaptureResult, transaction: TransactionJson, prefer: boolean) =>
  attemptAnswer('capture', captureOutcome(result.capture), transaction, prefer, {
    capture_id: result.capture.id,
    payment_service_capture_id: result.capture.providerCaptureId,
  });

function voidAnswer(data: TransactionSummary, transaction: TransactionJson, prefer: boolean) {
  const { status, errorCode, rawResponseCode, rawResponseDescription } = voidOutcomeOf(data);
  const outcome = { status, code: errorCode, rawCode: rawResponseCode, rawDescription: rawResponseDescription };
  return attemptAnswer('void', outcome, transaction, prefer, {});
}

/** An answer the use case may keep with its outcome: a success whose view needs no read. */
function keptAnswer(view: TransactionJson | undefined, answer: (view: TransactionJson) => { body?: unknown }) {
  const body = view && answer(view).body;
  return body === undefined ? undefined : { statusCode: 200, body };
}

export function transactionOperationRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    const view = (transaction: Transaction, known?: PaymentService) =>
      transactionView(services.paymentServices, transaction.summary(), known);

    app.post(
      '/transactions/:transaction_id/capture',
      {
        config: { scope: 'transactions.write', keyRidesWrites: true },
        schema: {
          tags,
          summary: 'Capture all, or part of, the authorized amount',
          description:
            "`final` (default true, Gr4vy's meaning) closes capturing after this capture. `final: false` is Kessai's extension for Smartpay's multiple partial captures: the rest stays capturable. Answers the transaction; with `Prefer: resource=transaction-capture` answers Gr4vy's capture result. A capture the provider declined (400) or failed (502) is an error without that header, and a 200 with `status` declined/failed with it.",
          params: transactionParams,
          body: captureBody,
          response: { 200: z.union([transactionSchema, captureResultSchema]), ...errorResponses, 502: errorBody },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const prefer = prefers(request.headers.prefer, 'transaction-capture');
        const result = await services.captureTransaction.execute({
          merchantAccountId: merchantOf(request),
          actor: actorOf(request),
          transactionId: request.params.transaction_id,
          amount: body.amount ?? undefined,
          final: body.final,
          idempotencyKey: headerOf(request.headers['idempotency-key']),
          request: ridingRequest(request, reply, (done: CaptureResult) =>
            keptAnswer(knownView(done.transaction.summary(), done.paymentService), (view) =>
              captureAnswer(done, view, prefer),
            ),
          ),
        });
        const kept = sendKept(request, reply);
        if (kept) return kept;
        const answer = captureAnswer(result, await view(result.transaction, result.paymentService), prefer);
        if (answer.refused) throw answer.refused;
        return answer.body;
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
        const { state } = await services.queries.get(merchantOf(request), request.params.transaction_id);
        return {
          items: capturesOf(state).map((c) => presentCapture(state.details, c)),
          limit: 100,
          next_cursor: null,
          previous_cursor: null,
        };
      },
    );

    app.post(
      '/transactions/:transaction_id/void',
      {
        config: { scope: 'transactions.write', keyRidesWrites: true },
        schema: {
          tags,
          summary: 'Void the authorization (nothing captured yet)',
          description:
            "Answers the transaction; with `Prefer: resource=transaction-void` answers Gr4vy's void result. A void the provider declined (400) or failed (502) is an error without that header.",
          params: transactionParams,
          body: emptyBody,
          response: { 200: z.union([transactionSchema, voidResultSchema]), ...errorResponses, 502: errorBody },
        },
      },
      async (request, reply) => {
        const prefer = prefers(request.headers.prefer, 'transaction-void');
        const data = await services.voidTransaction.execute({
          merchantAccountId: merchantOf(request),
          actor: actorOf(request),
          transactionId: request.params.transaction_id,
          request: ridingRequest(request, reply, (done: VoidResult) => {
            const summary = done.transaction.summary();
            return keptAnswer(knownView(summary, done.paymentService), (view) => voidAnswer(summary, view, prefer));
          }),
        });
        const kept = sendKept(request, reply);
        if (kept) return kept;
        const answer = voidAnswer(data.summary(), await view(data), prefer);
        if (answer.refused) throw answer.refused;
        return answer.body;
      },
    );

    app.post(
      '/transactions/:transaction_id/cancel',
      {
        config: { scope: 'transactions.write' },
        schema: {
          tags,
          summary: 'Cancel while buyer approval is pending',
          description:
            "Gr4vy's `TransactionCancel`. Smartpay has nothing to cancel before approval, so it is `succeeded` at once (the transaction ends `authorization_failed`, error_code `canceled_buyer_approval`); any other status is refused with 400.",
          params: transactionParams,
          body: emptyBody,
          response: { 200: cancelResultSchema, ...errorResponses },
        },
      },
      async (request) => {
        const data = await services.cancelTransaction.execute({
          merchantAccountId: merchantOf(request),
          actor: actorOf(request),
          transactionId: request.params.transaction_id,
        });
        return {
          type: 'transaction-cancel' as const,
          status: 'succeeded' as const,
          code: null,
          raw_response_code: null,
          raw_response_description: null,
          transaction: await view(data),
        };
      },
    );

    app.post(
      '/transactions/:transaction_id/sync',
      {
        config: { scope: 'transactions.read' },
        schema: {
          tags,
          summary: 'Re-read the status from the provider',
          params: transactionParams,
          body: emptyBody,
          response: { 200: transactionSchema, ...errorResponses },
        },
      },
      async (request) => {
        const ids = { merchantAccountId: merchantOf(request), transactionId: request.params.transaction_id };
        return view(
          (await services.syncTransaction.execute({ ...ids, source: 'api', actor: actorOf(request) })).transaction,
        );
      },
    );
  };
}
