import { csrfTokenFor, type DashboardRole, type DashboardUser, roleMayWrite, sameSecret } from '@kessai/domain';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../api-error';
import type { Principal } from '../auth/authenticator';
import { headerOf } from '../request-context';
import type { DashboardServices } from './dashboard-services';
import { BACKGROUND_HEADER, CSRF_HEADER, overHttps, sessionTokenFrom } from './session-cookie';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A role's scopes in the public API: an admin reads and writes everything, a viewer reads. */
export function scopesOf(role: DashboardRole): string[] {
  return roleMayWrite(role) ? ['*.read', '*.write'] : ['*.read'];
}

export function csrfRefused(): ApiError {
  return new ApiError(
    403,
    'csrf_token_invalid',
    `a request made with the dashboard session cookie that changes something needs the X-CSRF-Token header of its session`,
  );
}

/**
 * The active session the request's cookie opens (refreshing its idle deadline unless the page says it polls), or a
 * 401 in the API's envelope.
 */
export async function activeSession(
  services: DashboardServices,
  request: FastifyRequest,
  code: 'unauthorized' | 'unauthenticated',
  /** The session routes (read, sign out, change the password) stay open to a user who must change theirs. */
  { beforePasswordChange = false }: { beforePasswordChange?: boolean } = {},
) {
  const token = sessionTokenFrom(request.headers.cookie, overHttps(request));
  const background = headerOf(request.headers[BACKGROUND_HEADER]) === '1';
  const found = token ? await services.sessions.resume(token, { background }) : ({ outcome: 'none' } as const);
  if (found.outcome !== 'active' || !token) {
    const why =
      found.outcome === 'idle_expired' || found.outcome === 'expired'
        ? 'the dashboard session has expired'
        : found.outcome === 'revoked'
          ? 'the dashboard session was signed out'
          : 'no dashboard session';
    throw new ApiError(401, code, `${why}: sign in again`);
  }
  if (!SAFE_METHODS.has(request.method)) {
    const sent = headerOf(request.headers[CSRF_HEADER]);
    if (!sent || !sameSecret(sent, csrfTokenFor(token))) throw csrfRefused();
  }
  if (found.user.mustChangePassword && !beforePasswordChange)
    throw new ApiError(
      403,
      'password_change_required',
      'the one-time password must be changed first: POST /dashboard/api/session/password',
    );
  return { ...found, token };
}

/**
 * A public API request made with the session cookie instead of a bearer token: the caller is the user's merchant
 * account (another one named in X-GR4VY-MERCHANT-ACCOUNT-ID is refused), with the scopes of the user's role.
 */
export async function sessionPrincipal(services: DashboardServices, request: FastifyRequest): Promise<Principal> {
  const { user } = await activeSession(services, request, 'unauthorized');
  const asked = headerOf(request.headers['x-gr4vy-merchant-account-id'])?.trim();
  if (asked && asked !== user.merchantAccountId)
    throw ApiError.forbidden(`this dashboard user may not act for merchant account "${asked.slice(0, 50)}"`);
  return principalOf(user);
}

export function principalOf(user: DashboardUser): Principal {
  return {
    merchantAccountId: user.merchantAccountId,
    scopes: scopesOf(user.role),
    actor: { type: 'dashboard_user', id: user.id, display: user.email },
  };
}
