import type { Clock } from '../shared/clock';
import { LAST_USE_RECORDED_EVERY_MS } from './api-key';
import type { ApiKeyRegistry } from './api-key-registry';

/**
 * Notes when a key's token was accepted, at most once per `LAST_USE_RECORDED_EVERY_MS` per key: this process skips
 * storage until then, and storage refuses a note newer than that, so a busy key served by several processes is
 * still written about once a minute, not on every request.
 */
export class RecordApiKeyUse {
  private readonly lastNoted = new Map<string, number>();

  constructor(private readonly deps: { apiKeys: ApiKeyRegistry; clock: Clock }) {}

  async record(kid: string): Promise<void> {
    const now = this.deps.clock.now();
    const noted = this.lastNoted.get(kid);
    if (noted !== undefined && now.getTime() - noted < LAST_USE_RECORDED_EVERY_MS) return;
    this.lastNoted.set(kid, now.getTime());
    await this.deps.apiKeys.recordUse(kid, now, new Date(now.getTime() - LAST_USE_RECORDED_EVERY_MS));
  }
}
