import type { AuditAction } from '../dashboard-audit/audit-entry';
import type { AuditLog } from '../dashboard-audit/audit-log';
import { ApiKeyNotFoundError, InvalidFieldError, TooManyApiKeysError } from '../errors';
import type { Clock } from '../shared/clock';
import type { IdGenerator } from '../shared/id-generator';
import type { Actor } from '../transactions/actor';
import type { Page } from '../transactions/ports/transaction-repository';
import { type ApiKey, MAX_ACTIVE_API_KEYS_PER_MERCHANT } from './api-key';
import type { ApiKeyPairGenerator } from './api-key-pair-generator';
import type { ApiKeyListQuery, ApiKeyRegistry } from './api-key-registry';
import { API_SCOPES } from './api-key-scopes';

/** A key made for a merchant, with the private half it is answered with once and that is never stored. */
export interface CreatedApiKey {
  key: ApiKey;
  privateKeyPem: string;
}

/**
 * A merchant's own API keys: made (up to the cap), listed and revoked. Only keys bound to this merchant account
 * alone are its own; an operator's admin key, or one shared with other accounts, is nobody's to revoke here.
 */
export class ManageApiKeys {
  constructor(
    private readonly deps: {
      apiKeys: ApiKeyRegistry;
      keyPairs: ApiKeyPairGenerator;
      clock: Clock;
      /** Where a dashboard user's changes to keys are written (the dashboard's audit log), with its entries' ids. */
      audit?: { log: AuditLog; ids: IdGenerator };
    },
  ) {}

  /** The registry refuses the key past the cap atomically: a count before the add would race. */
  async create(
    merchantAccountId: string,
    name: string,
    scopes: readonly string[],
    actor?: Actor,
  ): Promise<CreatedApiKey> {
    const unknown = scopes.find((scope) => !API_SCOPES.includes(scope));
    if (unknown !== undefined || scopes.length === 0)
      throw new InvalidFieldError(
        unknown === undefined ? 'a key needs at least one scope' : `no scope ${unknown}`,
        '/scopes',
      );
    const pair = await this.deps.keyPairs.generate();
    const key: ApiKey = {
      kid: pair.kid,
      merchantAccountIds: [merchantAccountId],
      publicJwk: pair.publicJwk,
      name,
      scopes: [...new Set(scopes)],
      lastUsedAt: null,
      createdAt: this.deps.clock.now(),
      revokedAt: null,
    };
    if (!(await this.deps.apiKeys.add(key, MAX_ACTIVE_API_KEYS_PER_MERCHANT)))
      throw new TooManyApiKeysError(
        `a merchant account may have at most ${MAX_ACTIVE_API_KEYS_PER_MERCHANT} active API keys; revoke one first`,
        '',
      );
    await this.note(actor, merchantAccountId, 'api_key.created', key.kid, name);
    return { key, privateKeyPem: pair.privateKeyPem };
  }

  /** Revoked keys too, newest first. */
  list(merchantAccountId: string, query: ApiKeyListQuery): Promise<Page<ApiKey>> {
    return this.deps.apiKeys.listFor(merchantAccountId, query);
  }

  /** A revoked key keeps its name, and may still be renamed: the list shows it. */
  async rename(merchantAccountId: string, kid: string, name: string, actor?: Actor): Promise<ApiKey> {
    await this.ownKey(merchantAccountId, kid);
    await this.deps.apiKeys.rename(kid, name);
    await this.note(actor, merchantAccountId, 'api_key.renamed', kid, name);
    return this.ownKey(merchantAccountId, kid);
  }

  /** Revoking a revoked key succeeds and keeps when it was first revoked: the caller wanted it unusable, and it is. */
  async revoke(merchantAccountId: string, kid: string, actor?: Actor): Promise<void> {
    const key = await this.ownKey(merchantAccountId, kid);
    if (key.revokedAt) return;
    await this.deps.apiKeys.revoke(key.kid, this.deps.clock.now());
    await this.note(actor, merchantAccountId, 'api_key.revoked', kid, key.name ?? null);
  }

  /** The dashboard's audit log holds what people did there: a change made with an API key is not written. */
  private async note(
    actor: Actor | undefined,
    merchantAccountId: string,
    action: AuditAction,
    kid: string,
    detail: string | null,
  ): Promise<void> {
    if (!this.deps.audit || actor?.type !== 'dashboard_user') return;
    await this.deps.audit.log.record({
      id: this.deps.audit.ids.uuid(),
      merchantAccountId,
      actorId: actor.id,
      actorEmail: actor.display,
      action,
      target: kid,
      detail,
      at: this.deps.clock.now(),
    });
  }

  private async ownKey(merchantAccountId: string, kid: string): Promise<ApiKey> {
    const key = await this.deps.apiKeys.findByKid(kid);
    const ownedAlone = key?.merchantAccountIds.length === 1 && key.merchantAccountIds[0] === merchantAccountId;
    if (!key || !ownedAlone) throw new ApiKeyNotFoundError(`no API key ${kid}`);
    return key;
  }
}
