import type { DashboardSession, DashboardUser } from '@kessai/domain';
import { csrfTokenFor } from '@kessai/domain';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../api-error';
import { changePasswordBody, dashboardErrors, dashboardSessionSchema, signInBody } from './dashboard-schemas';
import type { DashboardServices } from './dashboard-services';
import { clearedSessionCookie, overHttps, sessionCookie, sessionTokenFrom } from './session-cookie';
import { activeSession } from './session-principal';

const tags = ['Dashboard'];
/** Kessai serves Japan; merchant accounts carry no time zone of their own yet. */
const MERCHANT_TIME_ZONE = 'Asia/Tokyo';

function present(user: DashboardUser, session: DashboardSession, token: string) {
  return {
    type: 'dashboard-session' as const,
    user: {
      id: user.id,
      email: user.email,
      role: user.role,
      merchant_account_id: user.merchantAccountId,
      must_change_password: user.mustChangePassword ?? false,
    },
    merchant_account: { id: user.merchantAccountId, time_zone: MERCHANT_TIME_ZONE },
    csrf_token: csrfTokenFor(token),
    expires_at: session.expiresAt.toISOString(),
    idle_expires_at: session.idleExpiresAt.toISOString(),
  };
}

const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

/** Sign-in, the current session, sign-out: the dashboard's only routes outside the public API. */
export function sessionRoutes(services: DashboardServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/dashboard/api/session',
      {
        schema: {
          tags,
          summary: 'Sign in to the dashboard (sets the session cookie)',
          security: [],
          body: signInBody,
          response: { 200: dashboardSessionSchema, ...dashboardErrors },
        },
      },
      async (request, reply) => {
        noStore(reply);
        const result = await services.signIn.signIn({ ...request.body, address: request.ip });
        switch (result.outcome) {
          case 'throttled': {
            const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
            reply.header('retry-after', String(seconds));
            throw new ApiError(
              429,
              'too_many_attempts',
              `too many failed sign-ins: try again in ${seconds < 60 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minute(s)`}`,
            );
          }
          case 'busy':
            reply.header('retry-after', '1');
            throw new ApiError(503, 'service_unavailable', 'too many sign-ins at once: retry in a second');
          case 'invalid_credentials':
            throw new ApiError(401, 'invalid_credentials', 'wrong e-mail or password');
          case 'signed_in': {
            const { user, session, token } = result;
            // The browser's previous session, if any, ends here: one browser, one session.
            const previous = sessionTokenFrom(request.headers.cookie, overHttps(request));
            if (previous) await services.sessions.signOut(previous);
            const maxAgeSeconds = (session.expiresAt.getTime() - session.createdAt.getTime()) / 1000;
            reply.header('set-cookie', sessionCookie(token, { secure: overHttps(request), maxAgeSeconds }));
            return present(user, session, token);
          }
        }
      },
    );

    app.post(
      '/dashboard/api/session/password',
      {
        schema: {
          tags,
          summary:
            'Change the signed-in user’s password (needs X-CSRF-Token): every session of theirs ends and a new one starts',
          description:
            'The only change allowed to a user invited with a one-time password (`user.must_change_password`) until they make it. Answers the new session, as sign-in does.',
          security: [{ dashboardSession: [] }],
          body: changePasswordBody,
          response: { 200: dashboardSessionSchema, ...dashboardErrors },
        },
      },
      async (request, reply) => {
        noStore(reply);
        const { user } = await activeSession(services, request, 'unauthenticated', { beforePasswordChange: true });
        const { current_password: current, new_password: next } = request.body;
        await services.manageUsers.changeOwnPassword(user, current, next);
        const result = await services.signIn.signIn({ email: user.email, password: next, address: request.ip });
        if (result.outcome !== 'signed_in')
          throw new ApiError(503, 'service_unavailable', 'the password was changed: sign in with the new one');
        const { session, token } = result;
        const maxAgeSeconds = (session.expiresAt.getTime() - session.createdAt.getTime()) / 1000;
        reply.header('set-cookie', sessionCookie(token, { secure: overHttps(request), maxAgeSeconds }));
        return present(result.user, session, token);
      },
    );

    app.get(
      '/dashboard/api/session',
      {
        schema: {
          tags,
          summary: 'The signed-in session (refreshes its idle deadline), with its CSRF token',
          security: [{ dashboardSession: [] }],
          response: { 200: dashboardSessionSchema, ...dashboardErrors },
        },
      },
      async (request, reply) => {
        noStore(reply);
        // A cookie that opens nothing is cleared, so the browser stops sending it.
        const found = await activeSession(services, request, 'unauthenticated', {
          beforePasswordChange: true,
        }).catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 401 && request.headers.cookie)
            reply.header('set-cookie', clearedSessionCookie({ secure: overHttps(request) }));
          throw error;
        });
        return present(found.user, found.session, found.token);
      },
    );

    app.delete(
      '/dashboard/api/session',
      {
        schema: {
          tags,
          summary: 'Sign out: the session is revoked server-side and the cookie cleared (needs X-CSRF-Token)',
          security: [{ dashboardSession: [] }],
          response: { 204: z.null().describe('Signed out'), ...dashboardErrors },
        },
      },
      async (request, reply) => {
        noStore(reply);
        const token = sessionTokenFrom(request.headers.cookie, overHttps(request));
        // An ended session needs no sign-out: only the cookie is cleared.
        if (token) {
          const found = await activeSession(services, request, 'unauthenticated', {
            beforePasswordChange: true,
          }).catch((error: unknown) => {
            if (error instanceof ApiError && error.status === 401) return null;
            throw error;
          });
          if (found) await services.sessions.signOut(found.token);
        }
        reply.header('set-cookie', clearedSessionCookie({ secure: overHttps(request) }));
        return reply.code(204).send(null);
      },
    );
  };
}
