import type { Clock } from '../shared/clock';
import { parseEmbedOrigins } from './embed-origin';
import type { EmbedOriginRegistry } from './embed-origin-registry';

/** The origins a merchant account registers for its embed. */
export class ManageEmbedOrigins {
  constructor(private readonly deps: { embedOrigins: EmbedOriginRegistry; clock: Clock }) {}

  list(merchantAccountId: string): Promise<string[]> {
    return this.deps.embedOrigins.list(merchantAccountId);
  }

  async replace(merchantAccountId: string, raw: readonly string[]): Promise<string[]> {
    const origins = parseEmbedOrigins(raw);
    await this.deps.embedOrigins.replace(merchantAccountId, origins, this.deps.clock.now());
    return origins;
  }

  /** Whether any merchant account registered `origin`: a CORS preflight names no merchant account. */
  isRegistered(origin: string): Promise<boolean> {
    return this.deps.embedOrigins.isRegistered(origin);
  }

  /** Whether `origin` may call the embed's routes for this merchant account. */
  async allows(merchantAccountId: string, origin: string): Promise<boolean> {
    return (await this.deps.embedOrigins.list(merchantAccountId)).includes(origin);
  }
}
