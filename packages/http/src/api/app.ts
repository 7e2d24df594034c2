import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { Authenticator, type Principal, requireScope } from '../auth/authenticator';
import { ApiError } from './api-error';
import { toApiError } from './error-mapping';
import { idempotencyHooks } from './idempotency';
import { pointerToNulCharacter } from './nul-characters';
import { responseSerializerCompiler } from './response-serializer';
import { routeMethods } from './route-methods';
import { buyerRoutes } from './routes/buyers';
import { opsRoutes } from './routes/ops';
import { paymentServiceRoutes } from './routes/payment-services';
import { refundRoutes } from './routes/refunds';
import { transactionRoutes } from './routes/transactions';
import { webhookSubscriptionRoutes } from './routes/webhook-subscriptions';
import { webhookRoutes } from './routes/webhooks';
import type { ApiServices } from './services';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** The scope a route needs (`transactions.read`, ...); routes without one are public. */
    scope?: string;
    /** The response carries a secret shown once: an idempotent replay shows it as null. */
    secretInResponse?: boolean;
  }
}

export type KessaiApp = FastifyInstance;

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  bodyLimit?: number;
  /** Check each response against its zod schema before writing it (tests); production trusts the presenters. */
  validateResponses?: boolean;
}

/** Logs never carry credentials or secrets (issue 7 scans them). */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'req.headers["smartpay-signature"]',
  'secret_key',
  'webhook_signing_secret',
  '*.secret_key',
  '*.webhook_signing_secret',
  '*.secretKey',
  '*.webhookSigningSecret',
  '*.credentials',
  '*.privateJwk',
  'secret',
  '*.secret',
];

export async function buildApp(services: ApiServices, options: AppOptions = {}): Promise<KessaiApp> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 512 * 1024,
    return503OnClosing: true,
    requestIdHeader: 'x-request-id',
    genReqId: () => services.ids.uuid(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler({ validate: options.validateResponses ?? false }));

  // An empty body with a JSON content type is an empty request, not malformed JSON (POST …/void without a body).
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (typeof body === 'string' && body.trim() === '') return done(null, undefined);
    return defaultJson(request, String(body), done);
  });

  app.setErrorHandler((error, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) request.log.error({ err: error }, 'request failed');
    return reply
      .code(apiError.status)
      .type('application/json; charset=utf-8')
      .serializer(JSON.stringify)
      .send(apiError.toBody());
  });
  const methodsOf = routeMethods(app);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = methodsOf(path);
    const error = allowed.length
      ? new ApiError(
          405,
          'method_not_allowed',
          `${request.method} is not allowed on ${path}; use ${allowed.join(', ')}`,
        )
      : ApiError.notFound(`no route ${request.method} ${path}`);
    if (allowed.length) reply.header('allow', allowed.join(', '));
    return reply
      .code(error.status)
      .type('application/json; charset=utf-8')
      .serializer(JSON.stringify)
      .send(error.toBody());
  });

  // A POST without a body (void, cancel, sync, capture everything) is validated as `{}`.
  app.addHook('preValidation', async (request) => {
    if (request.method === 'POST' && (request.body === undefined || request.body === null)) request.body = {};
    for (const [location, value] of [
      ['body', request.body],
      ['query', request.query],
    ] as const) {
      const pointer = pointerToNulCharacter(value);
      if (pointer)
        throw ApiError.badRequest('Request failed validation', [
          { location, pointer, message: 'must not contain the NUL character (U+0000)', type: 'invalid_string' },
        ]);
    }
  });

  const authenticator = new Authenticator(services.apiKeys);
  app.addHook('onRequest', async (request) => {
    const scope = request.routeOptions.config.scope;
    if (!scope) return;
    const merchant = request.headers['x-gr4vy-merchant-account-id'];
    request.principal = await authenticator.authenticate(
      request.headers.authorization,
      Array.isArray(merchant) ? merchant[0] : merchant,
    );
    requireScope(request.principal, scope);
  });
  const idempotency = idempotencyHooks(services.idempotency, services.clock);
  app.addHook('preHandler', async (request, reply) =>
    request.method === 'POST' ? idempotency.preHandler(request, reply) : undefined,
  );
  app.addHook('onSend', idempotency.onSend);
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    services.metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    services.metrics.latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kessai API',
        version: '0.1.0',
        description:
          'Payment orchestration for Japan (Smartpay first), shaped like the Gr4vy transactions API: snake_case JSON, `type` on every resource, integer minor-unit amounts, cursor pagination, Gr4vy error envelope, `Idempotency-Key` on POST, ES512 JWT bearer auth.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (ES512, kid = JWK thumbprint)' },
        },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  const typed = app.withTypeProvider<ZodTypeProvider>();
  await typed.register(transactionRoutes(services));
  await typed.register(refundRoutes(services));
  await typed.register(paymentServiceRoutes(services));
  await typed.register(buyerRoutes(services));
  await typed.register(webhookRoutes(services));
  await typed.register(webhookSubscriptionRoutes(services));
  await typed.register(opsRoutes(services));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
