import type { Actor } from '@kessai/domain';

/** The merchant account a request acts for: set by the auth hook from the token and X-GR4VY-MERCHANT-ACCOUNT-ID. */
export const merchantOf = (request: { principal?: { merchantAccountId: string } }): string =>
  request.principal?.merchantAccountId ?? 'default';

/** Who the request acts as, for the history of what it changes (absent only on unauthenticated routes). */
export const actorOf = (request: { principal?: { actor: Actor } }): Actor | undefined => request.principal?.actor;

/** A header's first value (Node gives repeated headers as arrays). */
export const headerOf = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;
