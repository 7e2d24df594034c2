import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { RecordApiKeyUse } from '@kessai/domain';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { ApiError } from './api-error';
import { Authenticator, type Principal, requireScope } from './auth/authenticator';
import { requireEmbedRoute } from './auth/embed-grant';
import { answerClientError, sendApiError, slowBodiesLimit } from './connection-guards';
import { apiKeyRoutes } from './dashboard-auth/api-key-routes';
import type { DashboardServices } from './dashboard-auth/dashboard-services';
import { serveDashboard } from './dashboard-auth/dashboard-static';
import { DOCS_CSP, withPageSecurityHeaders } from './dashboard-auth/security-headers';
import { hasSessionCookie, overHttps } from './dashboard-auth/session-cookie';
import { sessionPrincipal } from './dashboard-auth/session-principal';
import { sessionRoutes } from './dashboard-auth/session-routes';
import { teamRoutes } from './dashboard-auth/team-routes';
import type { Drain } from './drain';
import { embedCors } from './embed-cors';
import { serveEmbedScript } from './embed-static';
import { pathForMessage, toApiError } from './error-mapping';
import { idempotencyHooks } from './idempotency';
import { guardInput } from './input-guard';
import { withoutSafeIntegerBounds, withRequestExamples } from './openapi-examples';
import { headerOf } from './request-context';
import { answerHeaders } from './response-headers';
import { responseSerializerCompiler } from './response-serializer';
import { routeMethods } from './route-methods';
import { analyticsRoutes } from './routes/analytics';
import { buyerReturnRoutes } from './routes/buyer-return';
import { buyerRoutes } from './routes/buyers';
import { checkoutSessionRoutes } from './routes/checkout-sessions';
import { embedOriginRoutes } from './routes/embed-origins';
import { opsRoutes } from './routes/ops';
import { paymentOptionRoutes } from './routes/payment-options';
import { paymentServiceRoutes } from './routes/payment-services';
import { reconciliationRoutes } from './routes/reconciliation-runs';
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
    /** The use case writes the Idempotency-Key and the answer with its own writes (see `ridingRequest`). */
    keyRidesWrites?: boolean;
    /** The body is kept as the raw text it arrived as (a signature covers it), not parsed into an object. */
    rawBody?: boolean;
    /** An embed token may call it (within its grant), and browsers on the merchant's registered origins (CORS). */
    embed?: boolean;
  }
}

export type KessaiApp = FastifyInstance;

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  bodyLimit?: number;
  /** Check each response against its zod schema before writing it (tests); production trusts the presenters. */
  validateResponses?: boolean;
  /** The furthest ahead a bearer token may expire. */
  maxTokenLifetimeSeconds?: number;
  /** The longest a client may take to send a whole request (headers and body). */
  requestTimeoutMs?: number;
  /** Requests slowly sending their body at once (over a second so far), beyond which new ones get 503. */
  maxSlowBodies?: number;
  /** The bearer token `/metrics` wants; without one `/metrics` answers no one. */
  metricsToken?: string;
  /** Shutting down: /readyz fails and answers close their connections (see Drain). */
  drain?: Drain;
  /** Fastify's two lines per request off (the runtime logs one line per request itself, or none in dev). */
  disableRequestLogging?: boolean;
  /** Sign-in, sessions and the built UI at /dashboard; without it the API takes bearer tokens only. */
  dashboard?: DashboardServices;
  /** Believe X-Forwarded-For/-Proto from these proxies (Fastify's `trustProxy`): client address, HTTPS. */
  trustProxy?: boolean | string[];
  /** The built embed (`embed.js`) served at /embed/v1/embed.js; without it that URL is a 404. */
  embedDistDir?: string;
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
  'req.headers["x-csrf-token"]',
  'password',
  '*.password',
  'private_key_pem',
  '*.private_key_pem',
];

export async function buildApp(services: ApiServices, options: AppOptions = {}): Promise<KessaiApp> {
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 512 * 1024,
    // While closing, requests already on an open connection are served (a drain drops none); the listener is
    // closed, and every answer says Connection: close (see Drain).
    return503OnClosing: false,
    ...(options.disableRequestLogging ? { logController: new LogController({ disableRequestLogging: true }) } : {}),
    requestIdHeader: 'x-request-id',
    trustProxy: options.trustProxy ?? false,
    genReqId: () => services.ids.uuid(),
    requestTimeout,
    // Node checks the request timeout at this interval: a slow body is cut within a fraction of it.
    http: {
      requestTimeout,
      headersTimeout: Math.min(requestTimeout, 20_000),
      connectionsCheckingInterval: Math.max(250, Math.min(requestTimeout / 4, 5_000)),
    },
    frameworkErrors: (error, _request, reply) => sendApiError(reply, toApiError(error)),
    clientErrorHandler: answerClientError,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler({ validate: options.validateResponses ?? false }));

  // An empty body with a JSON content type is an absent body (POST …/void without one); whitespace is not JSON.
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined);
    return defaultJson(request, String(body), done);
  });
  // Likewise an empty text body; any other text is kept, and refused below as no JSON object.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body === '' ? undefined : body),
  );

  app.setErrorHandler((error, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendApiError(reply, apiError);
  });
  const methodsOf = routeMethods(app);
  app.setNotFoundHandler((request, reply) => {
    const path = pathForMessage(request.url);
    const allowed = methodsOf(request.url.split('?')[0] ?? '');
    if (allowed.length) reply.header('allow', allowed.join(', '));
    return sendApiError(
      reply,
      allowed.length
        ? new ApiError(
            405,
            'method_not_allowed',
            `${request.method} is not allowed on ${path}; use ${allowed.join(', ')}`,
          )
        : ApiError.notFound(`no route ${request.method} ${path}`),
    );
  });
  const bodies = slowBodiesLimit(options.maxSlowBodies ?? 256);
  app.addHook('onRequest', bodies.admit);
  app.addHook('preValidation', bodies.release);
  app.addHook('onResponse', bodies.release);

  app.addHook('preValidation', guardInput);

  const keyUse = new RecordApiKeyUse({ apiKeys: services.apiKeys, clock: services.clock });
  const authenticator = new Authenticator(services.apiKeys, {
    maxTokenLifetimeSeconds: options.maxTokenLifetimeSeconds,
    onAccepted: (kid) => keyUse.record(kid),
  });
  const dashboard = options.dashboard;
  app.addHook('onRequest', async (request) => {
    const scope = request.routeOptions.config.scope;
    if (!scope) return;
    // A bearer token decides alone; the dashboard's session cookie stands in only when there is none.
    request.principal =
      dashboard &&
      request.headers.authorization === undefined &&
      hasSessionCookie(request.headers.cookie, overHttps(request))
        ? await sessionPrincipal(dashboard, request)
        : await authenticator.authenticate(
            request.headers.authorization,
            headerOf(request.headers['x-gr4vy-merchant-account-id']),
          );
    if (request.principal.embed) requireEmbedRoute(request.routeOptions.config.embed);
    else requireScope(request.principal, scope);
  });
  const idempotency = idempotencyHooks(services.idempotency, services.clock);
  app.addHook('preHandler', async (request, reply) =>
    request.method === 'POST' ? idempotency.preHandler(request, reply) : undefined,
  );
  app.addHook('onSend', idempotency.onSend);
  app.addHook('onSend', answerHeaders);
  embedCors(app, services.checkoutSessions.embedOrigins);
  const drain = options.drain;
  if (drain)
    app.addHook('onSend', async (_request, reply) => {
      if (drain.draining) reply.header('connection', 'close');
    });
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
          dashboardSession: {
            type: 'apiKey',
            in: 'cookie',
            name: 'kessai_session',
            description:
              'The dashboard’s session (POST /dashboard/api/session), named `__Host-kessai_session` over HTTPS; requests that change something also need X-CSRF-Token',
          },
        },
      },
      security: [{ bearer: [] }, { dashboardSession: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => withoutSafeIntegerBounds(withRequestExamples(jsonSchemaTransformObject(input))),
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    uiHooks: { onRequest: async (_request, reply) => void withPageSecurityHeaders(reply, DOCS_CSP) },
  });

  const typed = app.withTypeProvider<ZodTypeProvider>();
  await typed.register(transactionRoutes(services));
  await typed.register(buyerReturnRoutes(services));
  await typed.register(refundRoutes(services));
  await typed.register(analyticsRoutes(services));
  await typed.register(paymentServiceRoutes(services));
  await typed.register(buyerRoutes(services));
  await typed.register(webhookRoutes(services));
  await typed.register(webhookSubscriptionRoutes(services));
  await typed.register(checkoutSessionRoutes(services));
  await typed.register(paymentOptionRoutes(services));
  await typed.register(embedOriginRoutes(services));
  await typed.register(reconciliationRoutes(services));
  await typed.register(opsRoutes(services, { metricsToken: options.metricsToken, drain: options.drain }));
  await typed.register(apiKeyRoutes(services, (kid) => authenticator.forget(kid)));
  if (dashboard) {
    await typed.register(sessionRoutes(dashboard));
    await typed.register(teamRoutes(dashboard));
    serveDashboard(app, dashboard.distDir);
  }
  if (options.embedDistDir) serveEmbedScript(app, options.embedDistDir);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
